# Sourced by the bench scripts that compare augreg with a peer at equal cores (bench/football.sh,
# bench/mlp.sh): both sides pinned with taskset to the same cores, rounds alternating between the
# sides, medians over the rounds, peak RSS, and a header naming the machine, its load and the
# BLAS each side runs on.

# OpenBLAS kernels. This machine's environment may pin OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE),
# because older OpenBLAS builds compute wrong results or crash on some processors; the pin (Haswell:
# AVX2 kernels on an AVX-512 CPU) slows a current OpenBLAS down. augreg's (bytedeco 0.3.31) and
# numpy 2.x's (scipy-openblas 0.3.31) are current, so the bench scripts run them on the kernels
# OpenBLAS detects, and give the environment's pin back only to Debian's numpy (OpenBLAS 0.3.21
# here) through the prefix "${old_blas[@]}". BENCH_KEEP_BLAS_ENV=1 keeps the pin for every side.
# bench/blas_info.py prints the kernels each numpy ran on.
old_blas=(env)
[[ -n "${OPENBLAS_CORETYPE:-}" ]] && old_blas+=("OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE")
[[ -n "${OPENBLAS_L2_SIZE:-}" ]] && old_blas+=("OPENBLAS_L2_SIZE=$OPENBLAS_L2_SIZE")
if [[ "${BENCH_KEEP_BLAS_ENV:-0}" != 1 ]]; then
  unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
fi
# blas_kernels: how augreg's OpenBLAS picks its kernels in this run.
blas_kernels() {
  if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then echo "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"; else echo "detected by OpenBLAS for the CPU"; fi
}

# timed OUT_PREFIX CMD...: runs CMD under /usr/bin/time and sets ${OUT_PREFIX}_wall, _cpu (user +
# system seconds of CMD and every process it waited for) and _rss (the largest peak resident set
# of those processes, MB). CMD's stdout and stderr go to $tmp/OUT_PREFIX.out / .err.
timed() {
  local name="$1"
  shift
  /usr/bin/time -o "$tmp/$name.time" -f '%e %U %S %M' "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local status=$?
  read -r w u s m <"$tmp/$name.time"
  printf -v "${name}_wall" '%s' "$w"
  printf -v "${name}_cpu" '%s' "$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"
  printf -v "${name}_rss" '%s' "$(awk -v m="$m" 'BEGIN {printf "%.0f", m / 1024}')"
  return $status
}

# median V...: the median of the numbers.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# ratio A B: A / B with one decimal (two below 10).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {r = a / b; printf (r < 10 ? "%.2f" : "%.1f"), r}'; }

# cores_count LIST: how many cores a taskset list such as 0 or 0,1 or 0-3 names.
cores_count() {
  local n=0 part
  IFS=, read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    if [[ $part == *-* ]]; then n=$((n + ${part#*-} - ${part%-*} + 1)); else n=$((n + 1)); fi
  done
  echo "$n"
}

# header SCRIPT PYTHON CORES PINNING [ENV...]: the machine, its load, the pinning, the JVM, the BLAS
# of both sides (the peer's probed under taskset -c CORES with as many OpenBLAS threads, and with
# the ENV prefix its runs get, e.g. "${old_blas[@]}").
header() {
  local script="$1" py="$2" cores="$3" pinning="$4" blas
  shift 4
  blas="$("${@:-env}" OPENBLAS_NUM_THREADS=$(cores_count "$cores") taskset -c "$cores" "$py" bench/blas_info.py 2>&1)"
  echo "# $script, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- pinning: $pinning"
  echo "- augreg: $(java -version 2>&1 | head -1); BLAS (wide products only): bytedeco OpenBLAS" \
    "$(unzip -p target/augreg.jar META-INF/maven/org.bytedeco/openblas/pom.properties 2>/dev/null |
      sed -n 's/^version=//p'), kernels $(blas_kernels)"
  echo "- peer $py: $blas"
}

# launchers SCRIPT: lets ./augreg record its class-data sharing archive (one untimed call, once per
# build) and, with BEFORE=REV and BEFORE_JAR=JAR (a jar built from REV), sets $before to REV's own
# ./augreg launcher beside a target/ that holds JAR, in $tmp/before (nothing to build: the launcher
# finds no sources there; it runs in this checkout, so data/ is the same), which records its own.
# Without BEFORE, $before is empty. Exits 2 naming SCRIPT when REV's launcher or JAR is missing.
launchers() {
  ./augreg --version >/dev/null
  before=""
  [[ -n "${BEFORE:-}" ]] || return 0
  if [[ ! -f "${BEFORE_JAR:-}" ]] || ! git show "$BEFORE:augreg" >"$tmp/launcher" 2>/dev/null; then
    echo "$1: BEFORE=$BEFORE needs that revision's ./augreg and BEFORE_JAR=JAR built from it" >&2
    exit 2
  fi
  before="$tmp/before/augreg"
  mkdir -p "$tmp/before/target"
  mv "$tmp/launcher" "$before"
  chmod +x "$before"
  cp "$BEFORE_JAR" "$tmp/before/target/augreg.jar"
  touch "$tmp/before/target/augreg.built"
  "$before" --version >/dev/null
}

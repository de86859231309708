#!/usr/bin/env bash
# Benchmark: the lesson's three football runs (none, L2, dropout), whole process, augreg against
# the numpy reference, measured in the same run.
#
#   mvn -B -q -DskipTests package     # builds target/augreg.jar (this script builds nothing)
#   bench/football.sh [REPEATS]       # default 3 repeats of each side
#
# augreg:  ./augreg football --reference --json   (three runs, both cores; ./augreg is
#          `java -jar target/augreg.jar` with its class-data sharing archive, see ./augreg)
# numpy:   python3 ../shared/reference/peers/numpy_football.py DATA none|l2|dropout
#          (three processes one after the other, as the reference is run)
# Prints the median wall and CPU time of each side and the ratios numpy / augreg. Wall time is the
# target (augreg may use both cores: the runs are independent); CPU time is printed as well because
# it is less disturbed by other work on the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

repeats="${1:-3}"
jar="target/augreg.jar"
launcher="./augreg"
peer="../shared/reference/peers/numpy_football.py"
data="data/football/data.mat"
[[ -f "$data" ]] || data="../shared/datasets/football/data.mat"
python="${PYTHON:-python3}"

if [[ ! -f "$jar" ]]; then
  echo "bench/football.sh: $jar not found; build it first with: mvn -B -q -DskipTests package" >&2
  exit 2
fi
for f in "$peer" "$data"; do
  if [[ ! -f "$f" ]]; then
    echo "bench/football.sh: $f not found (expects ../shared beside this checkout)" >&2
    exit 2
  fi
done
if ! "$python" -c "import numpy, scipy" 2>/dev/null; then
  echo "bench/football.sh: '$python' lacks numpy/scipy (set PYTHON=...)" >&2
  exit 2
fi

# One untimed call lets ./augreg record its class-data sharing archive (once per build).
"$launcher" --version >/dev/null
out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v n="$1" -v a="$2" 'BEGIN {printf "%.1f", n / a}'; }

# bash's `time` keyword: wall, user and system seconds of everything inside the braces.
TIMEFORMAT='%R %U %S'
augreg_wall=() augreg_cpu=() numpy_wall=() numpy_cpu=() bare_wall=()
for ((r = 1; r <= repeats; r++)); do
  read -r w u s < <({ time "$launcher" football --reference --json --out "$out_dir/football" \
    >"$out_dir/augreg.json" 2>"$out_dir/augreg.err"; } 2>&1)
  if ! grep -q '"runs"' "$out_dir/augreg.json"; then
    echo "bench/football.sh: augreg failed:" >&2
    cat "$out_dir/augreg.err" >&2
    exit 1
  fi
  augreg_wall+=("$w")
  augreg_cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")

  # The same without drawing the pictures (what the charts cost, for the record).
  read -r w u s < <({ time "$launcher" football --reference --json --no-pictures \
    --out "$out_dir/bare" >/dev/null 2>&1; } 2>&1)
  bare_wall+=("$w")

  read -r w u s < <({ time for mode in none l2 dropout; do
    "$python" "$peer" "$data" "$mode" >"$out_dir/numpy-$mode.txt" 2>&1
  done; } 2>&1)
  numpy_wall+=("$w")
  numpy_cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
  printf 'repeat %d: augreg %.2f s wall (%.2f s CPU), numpy %.2f s wall (%.2f s CPU)\n' "$r" \
    "${augreg_wall[-1]}" "${augreg_cpu[-1]}" "${numpy_wall[-1]}" "${numpy_cpu[-1]}"
done

echo
echo "augreg (./augreg football --reference --json):"
cat "$out_dir/augreg.json"
echo
echo "numpy reference (three runs):"
grep -h '^mode=' "$out_dir"/numpy-*.txt
echo

aw=$(median "${augreg_wall[@]}")
nw=$(median "${numpy_wall[@]}")
ac=$(median "${augreg_cpu[@]}")
nc=$(median "${numpy_cpu[@]}")
printf 'median over %d repeats: augreg %.2f s wall, %.2f s CPU; numpy %.2f s wall, %.2f s CPU\n' \
  "$repeats" "$aw" "$ac" "$nw" "$nc"
printf 'ratio numpy / augreg, wall time: %sx  (target >= 10x)\n' "$(ratio "$nw" "$aw")"
printf 'augreg --no-pictures: %.2f s wall, ratio %sx\n' "$(median "${bare_wall[@]}")" \
  "$(ratio "$nw" "$(median "${bare_wall[@]}")")"
printf 'ratio numpy / augreg, CPU time:  %sx  (less sensitive to other load on the machine)\n' \
  "$(ratio "$nc" "$ac")"
printf 'machine: %s, %s cores, load average %s, %s\n' "$(uname -m)" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" "$(date -u +%Y-%m-%dT%H:%MZ)"

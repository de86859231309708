#!/usr/bin/env bash
# Benchmark: the lesson's three football runs (none, L2, dropout), whole process, augreg against
# the numpy reference, at equal cores, in alternating rounds of the same script run.
#
#   mvn -B -q -DskipTests package     # builds target/augreg.jar (this script builds nothing)
#   bench/football.sh [ROUNDS] [CORES]  # default 3 rounds, cores 0,1 (taskset list)
#
# augreg:  taskset -c CORES ./augreg football --reference --json   (three runs at once; ./augreg is
#          `java -jar target/augreg.jar` with its class-data sharing archive, see ./augreg); and
#          the same with --no-pictures --no-report (what the pictures and the page cost)
# numpy:   taskset -c CORES python3 ../shared/reference/peers/numpy_football.py DATA none|l2|dropout
#          (three processes one after the other, as the reference is run; PYTHON=... to change
#          the interpreter; the default python3 is numpy 2.x on its bundled OpenBLAS)
# Each round runs augreg, augreg without pictures, then numpy; the medians over the rounds of the
# wall time, the CPU time (user + system) and the peak RSS, and the ratios numpy / augreg, are
# printed with the BLAS the peer ran on, and the median training seconds of each run (--json).
# Every augreg round must print the lesson's exact table.
#
# Before/after in the same run: BEFORE=REV BEFORE_JAR=JAR bench/football.sh 3 also runs JAR (a jar
# built from REV, e.g. BEFORE=ea396b7 BEFORE_JAR=/work/baseline/augreg-main-ea396b7.jar) through
# REV's own ./augreg launcher, in the same alternating rounds, and prints its rows and after/before
# ratios.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh

rounds="${1:-3}"
cores="${2:-0,1}"
jar="target/augreg.jar"
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

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Both launchers record their class-data sharing archives; BEFORE: bench/equal_cores.sh.
launchers bench/football.sh
header bench/football.sh "$python" "$cores" "both sides under taskset -c $cores"
echo

# The lesson's table (--reference): train/test accuracy of none, L2, dropout.
exact='0.9479/0.915 0.9384/0.930 0.9289/0.950'
table() {
  "$python" -c 'import json,sys
runs = json.load(open(sys.argv[1]))["runs"]
print(" ".join("%.4f/%.3f" % (r["train_accuracy"], r["test_accuracy"]) for r in runs))' "$1"
}

# seconds FILE: the training seconds of each run (none, L2, dropout) in a --json document.
seconds() {
  "$python" -c 'import json,sys
print(" ".join("%.2f" % r["seconds"] for r in json.load(open(sys.argv[1]))["runs"]))' "$1"
}
# check NAME: fails the benchmark unless NAME.out holds the lesson's table.
check() {
  got="$(table "$tmp/$1.out" 2>/dev/null)"
  if [[ "$got" != "$exact" ]]; then
    echo "bench/football.sh: $1 did not print the lesson's table ($exact): ${got:-nothing}" >&2
    cat "$tmp/$1.err" >&2
    exit 1
  fi
}

aw=() ac=() ar=() bw=() bc=() nw=() nc=() nr=() pw=() pc=() pr=() qw=() qc=()
s1=() s2=() s3=() t1=() t2=() t3=()
for ((r = 1; r <= rounds; r++)); do
  timed augreg taskset -c "$cores" ./augreg football --reference --json --out "$tmp/football"
  check augreg
  aw+=("$augreg_wall") ac+=("$augreg_cpu") ar+=("$augreg_rss")
  read -r a b c <<<"$(seconds "$tmp/augreg.out")"
  s1+=("$a") s2+=("$b") s3+=("$c")
  if [[ -n "$before" ]]; then
    timed prior taskset -c "$cores" "$before" football --reference --json --out "$tmp/prior-football"
    check prior
    pw+=("$prior_wall") pc+=("$prior_cpu") pr+=("$prior_rss")
    read -r a b c <<<"$(seconds "$tmp/prior.out")"
    t1+=("$a") t2+=("$b") t3+=("$c")
  fi
  timed bare taskset -c "$cores" ./augreg football --reference --json --no-pictures --no-report \
    --out "$tmp/bare"
  check bare
  bw+=("$bare_wall") bc+=("$bare_cpu")
  if [[ -n "$before" ]]; then
    timed priorbare taskset -c "$cores" "$before" football --reference --json --no-pictures \
      --no-report --out "$tmp/prior-bare"
    check priorbare
    qw+=("$priorbare_wall") qc+=("$priorbare_cpu")
  fi
  timed numpy taskset -c "$cores" bash -c 'for m in none l2 dropout; do "$0" "$1" "$2" "$m"; done' \
    "$python" "$peer" "$data"
  nw+=("$numpy_wall") nc+=("$numpy_cpu") nr+=("$numpy_rss")
  printf 'round %d: augreg %.2f s wall (%.2f s CPU), no pictures %.2f s (%.2f s CPU), numpy %.2f s wall (%.2f s CPU)' \
    "$r" "$augreg_wall" "$augreg_cpu" "$bare_wall" "$bare_cpu" "$numpy_wall" "$numpy_cpu"
  if [[ -n "$before" ]]; then
    printf '; %s: %.2f s wall (%.2f s CPU), no pictures %.2f s (%.2f s CPU)' \
      "$BEFORE" "$prior_wall" "$prior_cpu" "$priorbare_wall" "$priorbare_cpu"
  fi
  echo
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "augreg table (train/test none, L2, dropout): $got"
echo "augreg training seconds of each run (median; the runs train at once): none $(median "${s1[@]}")," \
  "L2 $(median "${s2[@]}"), dropout $(median "${s3[@]}")"
if [[ -n "$before" ]]; then
  echo "$BEFORE training seconds of each run (median): none $(median "${t1[@]}"), L2 $(median "${t2[@]}")," \
    "dropout $(median "${t3[@]}")"
fi
echo "numpy:"
grep -h '^mode=' "$tmp/numpy.out" | sed 's/^/  /'
echo
echo "| side (median of $rounds rounds, taskset -c $cores) | wall s | CPU s | peak RSS MB | numpy / side, wall | numpy / side, CPU |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
row() { printf '| %s | %.2f | %.2f | %s | %s× | %s× |\n' "$1" "$2" "$3" "$4" "$(ratio "$(median "${nw[@]}")" "$2")" "$(ratio "$(median "${nc[@]}")" "$3")"; }
row "augreg football --reference --json" "$(median "${aw[@]}")" "$(median "${ac[@]}")" "$(median "${ar[@]}")"
row "augreg, --no-pictures --no-report" "$(median "${bw[@]}")" "$(median "${bc[@]}")" "-"
if [[ -n "$before" ]]; then
  row "$BEFORE: augreg football --reference --json" "$(median "${pw[@]}")" "$(median "${pc[@]}")" "$(median "${pr[@]}")"
  row "$BEFORE: --no-pictures --no-report" "$(median "${qw[@]}")" "$(median "${qc[@]}")" "-"
fi
row "numpy_football.py none, l2, dropout ($python)" "$(median "${nw[@]}")" "$(median "${nc[@]}")" "$(median "${nr[@]}")"
echo
if [[ -n "$before" ]]; then
  echo "$BEFORE / this checkout: whole process $(ratio "$(median "${pw[@]}")" "$(median "${aw[@]}")")× wall," \
    "$(ratio "$(median "${pc[@]}")" "$(median "${ac[@]}")")× CPU; without pictures" \
    "$(ratio "$(median "${qw[@]}")" "$(median "${bw[@]}")")× wall, $(ratio "$(median "${qc[@]}")" "$(median "${bc[@]}")")× CPU"
fi
echo "target: numpy / augreg >= 10x in wall time, whole process, exact table"

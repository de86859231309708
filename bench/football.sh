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
# printed with the BLAS the peer ran on. Every augreg round must print the lesson's exact table.
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

# One untimed call lets ./augreg record its class-data sharing archive (once per build).
./augreg --version >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
header bench/football.sh "$python" "$cores" "both sides under taskset -c $cores"
echo

# The lesson's table (--reference): train/test accuracy of none, L2, dropout.
exact='0.9479/0.915 0.9384/0.930 0.9289/0.950'
table() {
  "$python" -c 'import json,sys
runs = json.load(open(sys.argv[1]))["runs"]
print(" ".join("%.4f/%.3f" % (r["train_accuracy"], r["test_accuracy"]) for r in runs))' "$1"
}

aw=() ac=() ar=() bw=() bc=() nw=() nc=() nr=()
for ((r = 1; r <= rounds; r++)); do
  timed augreg taskset -c "$cores" ./augreg football --reference --json --out "$tmp/football"
  got="$(table "$tmp/augreg.out" 2>/dev/null)"
  if [[ "$got" != "$exact" ]]; then
    echo "bench/football.sh: augreg did not print the lesson's table ($exact): ${got:-nothing}" >&2
    cat "$tmp/augreg.err" >&2
    exit 1
  fi
  aw+=("$augreg_wall") ac+=("$augreg_cpu") ar+=("$augreg_rss")
  timed bare taskset -c "$cores" ./augreg football --reference --json --no-pictures --no-report \
    --out "$tmp/bare"
  bw+=("$bare_wall") bc+=("$bare_cpu")
  timed numpy taskset -c "$cores" bash -c 'for m in none l2 dropout; do "$0" "$1" "$2" "$m"; done' \
    "$python" "$peer" "$data"
  nw+=("$numpy_wall") nc+=("$numpy_cpu") nr+=("$numpy_rss")
  printf 'round %d: augreg %.2f s wall (%.2f s CPU), no pictures %.2f s (%.2f s CPU), numpy %.2f s wall (%.2f s CPU)\n' \
    "$r" "$augreg_wall" "$augreg_cpu" "$bare_wall" "$bare_cpu" "$numpy_wall" "$numpy_cpu"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "augreg table (train/test none, L2, dropout): $got"
echo "numpy:"
grep -h '^mode=' "$tmp/numpy.out" | sed 's/^/  /'
echo
echo "| side (median of $rounds rounds, taskset -c $cores) | wall s | CPU s | peak RSS MB | numpy / side, wall | numpy / side, CPU |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
row() { printf '| %s | %.2f | %.2f | %s | %s× | %s× |\n' "$1" "$2" "$3" "$4" "$(ratio "$(median "${nw[@]}")" "$2")" "$(ratio "$(median "${nc[@]}")" "$3")"; }
row "augreg football --reference --json" "$(median "${aw[@]}")" "$(median "${ac[@]}")" "$(median "${ar[@]}")"
row "augreg, --no-pictures --no-report" "$(median "${bw[@]}")" "$(median "${bc[@]}")" "-"
row "numpy_football.py none, l2, dropout ($python)" "$(median "${nw[@]}")" "$(median "${nc[@]}")" "$(median "${nr[@]}")"
echo
echo "target: numpy / augreg >= 10x in wall time, whole process, exact table"

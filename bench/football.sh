#!/usr/bin/env bash
# Benchmark: the lesson's three football runs (none, L2, dropout), whole process, augreg against
# the numpy reference, measured in the same run.
#
#   mvn -B -q -DskipTests package     # builds target/augreg.jar (this script builds nothing)
#   bench/football.sh [REPEATS]       # default 3 repeats of each side
#
# augreg:  java -jar target/augreg.jar football --reference --json   (three runs, both cores)
# numpy:   python3 ../shared/reference/peers/numpy_football.py DATA none|l2|dropout
#          (three processes one after the other, as the reference is run)
# Prints the median wall time of each side and the ratio numpy / augreg.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

repeats="${1:-3}"
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

out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

augreg_times=()
numpy_times=()
for ((r = 1; r <= repeats; r++)); do
  t0=$(now)
  java -jar "$jar" football --reference --json --out "$out_dir/football" >"$out_dir/augreg.json"
  t1=$(now)
  augreg_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")

  t0=$(now)
  for mode in none l2 dropout; do
    "$python" "$peer" "$data" "$mode" >"$out_dir/numpy-$mode.txt"
  done
  t1=$(now)
  numpy_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  printf 'repeat %d: augreg %.2f s, numpy %.2f s\n' "$r" "${augreg_times[-1]}" "${numpy_times[-1]}"
done

echo
echo "augreg (java -jar target/augreg.jar football --reference --json):"
cat "$out_dir/augreg.json"
echo
echo "numpy reference (three runs):"
grep -h '^mode=' "$out_dir"/numpy-*.txt
echo

a=$(median "${augreg_times[@]}")
n=$(median "${numpy_times[@]}")
printf 'median wall time over %d repeats: augreg %.2f s, numpy %.2f s\n' "$repeats" "$a" "$n"
printf 'ratio numpy / augreg: %.1fx  (target >= 10x; %s, %s cores, %s)\n' \
  "$(awk -v n="$n" -v a="$a" 'BEGIN {print n / a}')" "$(uname -m)" "$(nproc)" "$(date -u +%Y-%m-%d)"

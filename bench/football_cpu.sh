#!/usr/bin/env bash
# Whole-process CPU time (user+sys) of `football --reference` for two jars, in alternating rounds,
# each jar run as ./augreg runs football (its JVM flags, its own AppCDS archive).
# Usage: bench/football_cpu.sh BASE.jar NEW.jar [ROUNDS=5]   → one line per run, then the medians.
set -euo pipefail
base="$1"; new="$2"; rounds="${3:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/data/football/data.mat"
[[ -f "$data" ]] || data="$root/../shared/datasets/football/data.mat" # ../shared beside the checkout
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mapfile -t jvm < <(AUGREG_PRINT_JVM_OPTS=1 "$root/augreg" football)   # the launcher's own options
jvm=(-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off "${jvm[@]}")
for j in base new; do
  jar="${!j}"
  java "${jvm[@]}" -XX:ArchiveClassesAtExit="$tmp/$j.jsa" -jar "$jar" football --reference \
    --iterations 300 --json --data "$data" --out "$tmp/warm" >/dev/null 2>&1
done
declare -A cpu
for r in $(seq 1 "$rounds"); do
  for j in base new; do
    jar="${!j}"
    /usr/bin/time -o "$tmp/time" -f "%U %S" java "${jvm[@]}" -XX:SharedArchiveFile="$tmp/$j.jsa" \
      -jar "$jar" football --reference --data "$data" --out "$tmp/out-$j" >/dev/null 2>&1
    s=$(tail -1 "$tmp/time" | awk '{printf "%.2f", $1 + $2}')
    cpu[$j]+="$s "
    echo "round $r $j cpu ${s}s"
  done
done
for j in base new; do
  med=$(echo ${cpu[$j]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  echo "median $j ${med}s"
done

#!/usr/bin/env bash
# CPU seconds of each football training run on its own thread, two jars in alternating rounds:
# bench/FootballRuns.java runs the lesson's three runs 3 times in one JVM (JVM flags of ./augreg);
# "cold" is the first repetition (interpreter and JIT warm-up included), "warm" the last.
# Usage: bench/football_runs.sh BASE.jar NEW.jar [ROUNDS=3] [ref|default]
#   → one line per round and jar, then the medians per run (cold, warm) of each jar.
set -euo pipefail
base="$1"; new="$2"; rounds="${3:-3}"; mode="${4:-ref}"
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/../data/football/data.mat"
[[ -f "$data" ]] || data="$here/../../shared/datasets/football/data.mat" # ../shared beside the checkout
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mapfile -t jvm < <(AUGREG_PRINT_JVM_OPTS=1 "$here/../augreg" football)   # the launcher's own options
for r in $(seq 1 "$rounds"); do
  for j in base new; do
    java "${jvm[@]}" -cp "${!j}" "$here/FootballRuns.java" "$mode" 3 "$data" > "$tmp/out"
    awk -v j="$j" '$1 == 0 {c[$2] = $4} $1 == 2 {w[$2] = $4; t[$2] = $3}
      END {for (m in c) print j, m, t[m], c[m], w[m]}' "$tmp/out" | sort -k2 | tee -a "$tmp/all" \
      | awk -v r="$r" '{printf "round %s %s %s %s cold %ss warm %ss\n", r, $1, $2, $3, $4, $5}'
  done
done
echo "| jar | run | train/test | cold CPU s (median) | warm CPU s (median) |"
echo "| --- | --- | --- | ---: | ---: |"
for j in base new; do
  for m in $(awk -v j="$j" '$1 == j {print $2}' "$tmp/all" | sort -u); do
    med() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
    c=$(awk -v j="$j" -v m="$m" '$1 == j && $2 == m {print $4}' "$tmp/all" | med)
    w=$(awk -v j="$j" -v m="$m" '$1 == j && $2 == m {print $5}' "$tmp/all" | med)
    t=$(awk -v j="$j" -v m="$m" '$1 == j && $2 == m {print $3}' "$tmp/all" | head -1)
    echo "| $j $(basename "${!j}") | $m | $t | $c | $w |"
  done
done

#!/usr/bin/env bash
# The shared yardstick's CNN rows (../shared/tools/equal-cores-bench.sh), this checkout against
# another augreg build: its exact commands (plain `java -jar JAR bench cnn --epochs 4`, taskset -c 0
# with --threads 1 and -c 0,1 with --threads 2, --augment 0 and 1, the machine's environment as
# it is, OPENBLAS_CORETYPE included), alternating other/this in every cell (the order flips every
# round, so neither side always runs second), ROUNDS times.
# Prints every run (samples/s, whole-process user+system CPU seconds), then per cell the medians
# and the median of the per-round ratios this/other.
# Usage: bench/cnn_loop.sh OTHER.jar [ROUNDS]   (default 5 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/cnn_rounds.sh
other="${1:?usage: bench/cnn_loop.sh OTHER.jar [ROUNDS]}"
rounds="${2:-5}"
data="../shared/datasets/catvnoncat"
[[ -d "$data" && -f "$other" ]] || { echo "bench/cnn_loop.sh: needs $data and $other" >&2; exit 2; }
./augreg --version >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cp target/augreg.jar "$tmp/this.jar"
cp "$other" "$tmp/other.jar"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
for round in $(seq 1 "$rounds"); do
  for cores in 0 0,1; do
    t=$(tr ',' '\n' <<<"$cores" | wc -l)
    for a in 0 1; do
      order="other this"; (( round % 2 == 0 )) && order="this other"
      for side in $order; do
        out="$( { /usr/bin/time -f "cpu=%U %S" taskset -c "$cores" java -jar "$tmp/$side.jar" bench cnn \
          --data "$data" --epochs 4 --augment "$a" --threads "$t"; } 2>&1 )"
        samples_and_cpu "$out"
        echo "round=$round threads=$t augment=$a side=$side samples_per_s=$sps cpu_s=$cpu load=$(cut -d' ' -f1 /proc/loadavg)"
        echo "$round $t $a $side $sps $cpu" >> "$tmp/runs"
      done
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| cores | augmentation | other samples/s | this samples/s | this / other (median of rounds) | per-round ratios | CPU s other / this |"
echo "| --- | --- | ---: | ---: | ---: | --- | --- |"
for t in 1 2; do
  for a in 0 1; do
    o="$(awk -v t="$t" -v a="$a" '$2==t && $3==a && $4=="other" {print $5}' "$tmp/runs" | med)"
    n="$(awk -v t="$t" -v a="$a" '$2==t && $3==a && $4=="this" {print $5}' "$tmp/runs" | med)"
    co="$(awk -v t="$t" -v a="$a" '$2==t && $3==a && $4=="other" {print $6}' "$tmp/runs" | med)"
    cn="$(awk -v t="$t" -v a="$a" '$2==t && $3==a && $4=="this" {print $6}' "$tmp/runs" | med)"
    ratios="$(awk -v t="$t" -v a="$a" '$2==t && $3==a {v[$1, $4] = $5; r[$1] = 1}
      END {for (k in r) if (v[k, "other"] > 0) printf "%.2f\n", v[k, "this"] / v[k, "other"]}' "$tmp/runs")"
    rm="$(med <<<"$ratios")"
    echo "| $t | $([[ $a == 1 ]] && echo yes || echo no) | $o | $n | $rm | $(sort -n <<<"$ratios" | paste -sd' ') | $co / $cn |"
  done
done

#!/usr/bin/env bash
# CNN training speed of this checkout against another augreg build and the PyTorch peer,
# interleaved (peer, other build, this build for every cell, ROUNDS times) so that a changing
# machine load hits all three alike. Same runs as the speed part of bench/cnn.sh.
# Usage: bench/cnn_ab.sh OTHER.jar [ROUNDS] [EPOCHS]   (defaults: 3 rounds, 3 epochs)
#   e.g. git stash; ./augreg --version; cp target/augreg.jar /tmp/base.jar; git stash pop
# Both builds run in the measuring JVM (-Daugreg.tuned=1: no relaunch, which plain `java -jar` of
# builds since cli/Launch does and older builds do not).
# Prints every run (samples/s and the process's user+system CPU seconds), then the medians per
# cell and the ratios this/peer and this/other.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
source bench/cnn_rounds.sh
other="${1:?usage: bench/cnn_ab.sh OTHER.jar [ROUNDS] [EPOCHS]}"
rounds="${2:-3}"
epochs="${3:-3}"
data="../shared/datasets/catvnoncat"
peer="../shared/reference/peers/torch_cats_cnn.py"
[[ -d "$data" && -f "$peer" && -f "$other" ]] || { echo "bench/cnn_ab.sh: needs $data, $peer and $other" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null
cp target/augreg.jar "$tmp/this.jar"
cp "$other" "$tmp/other.jar"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for t in 1 2; do
    for a in 0 1; do
      for tool in peer other this; do
        if [[ $tool == peer ]]; then
          cmd=(/usr/bin/python3 "$peer" "$data" "$epochs" "$t" "$a" 0)
        else
          cmd=(java -XX:+UseSerialGC -Daugreg.tuned=1 -jar "$tmp/$tool.jar" bench cnn --data "$data" --epochs "$epochs"
            --threads "$t" --aug-threads 1 --augment "$a")
        fi
        out="$( { /usr/bin/time -f "cpu=%U %S" "${cmd[@]}"; } 2>&1 )"
        samples_and_cpu "$out"
        echo "round=$round threads=$t augment=$a tool=$tool samples_per_s=$sps cpu_s=$cpu load=$(cut -d' ' -f1 /proc/loadavg)"
        echo "$t $a $tool $sps $cpu" >> "$tmp/runs"
      done
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| threads | augmentation | peer samples/s | other samples/s | this samples/s | this / peer | this / other | CPU s peer / other / this |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for t in 1 2; do
  for a in 0 1; do
    declare -A s c
    for tool in peer other this; do
      s[$tool]="$(awk -v t="$t" -v a="$a" -v n="$tool" '$1==t && $2==a && $3==n {print $4}' "$tmp/runs" | med)"
      c[$tool]="$(awk -v t="$t" -v a="$a" -v n="$tool" '$1==t && $2==a && $3==n {print $5}' "$tmp/runs" | med)"
    done
    awk -v t="$t" -v a="$a" -v p="${s[peer]}" -v o="${s[other]}" -v n="${s[this]}" \
      -v cp="${c[peer]}" -v co="${c[other]}" -v cn="${c[this]}" 'BEGIN {
      printf "| %d | %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.1f / %.1f / %.1f |\n",
        t, (a ? "yes" : "no"), p, o, n, n / p, n / o, cp, co, cn }'
  done
done

#!/usr/bin/env bash
# CPU per training step of the small CNN at 1 thread, this checkout against another augreg build:
# io.augreg.nn.conv.ConvStepCpu (batch 32, one worker's product kernel; this thread's CPU time,
# which other processes on a busy machine disturb less than wall time) in alternating rounds,
# pinned to core 0, OpenBLAS on the kernels it detects (bench/equal_cores.sh). Prints every run,
# then per precision the median over the rounds of the fastest chunk, the ratio this/other, and
# whether the gradient hashes agree (equal: bit-identical gradients after 40 steps).
# Both sides run with the Vector API module (--add-modules jdk.incubator.vector, which the float
# pooling's vector kernels need; a jar without them ignores it); CNN_STEP_VECTORS=0 leaves it out.
# Usage: bench/cnn_step.sh OTHER.jar [ROUNDS] [STEPS]   (defaults: 5 rounds, 150 steps)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/cnn_rounds.sh
source bench/equal_cores.sh
other="${1:?usage: bench/cnn_step.sh OTHER.jar [ROUNDS] [STEPS]}"
rounds="${2:-5}"
steps="${3:-150}"
[[ -f "$other" ]] || { echo "bench/cnn_step.sh: no $other" >&2; exit 2; }
vectors=(--add-modules jdk.incubator.vector)
[[ "${CNN_STEP_VECTORS:-1}" == 0 ]] && vectors=()
./augreg --version >/dev/null
mvn -B -q test-compile >&2
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cp target/augreg.jar "$tmp/this.jar"
cp "$other" "$tmp/other.jar"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); OpenBLAS kernels: $(blas_kernels); JVM flags: ${vectors[*]:-none}"
for precision in FLOAT DOUBLE; do
  for round in $(seq 1 "$rounds"); do
    for side in other this; do
      out="$(taskset -c 0 java -XX:+UseSerialGC "${vectors[@]}" \
        -cp "$tmp/$side.jar:target/test-classes" io.augreg.nn.conv.ConvStepCpu "$precision" \
        "$steps" 2> >(grep -v 'Using incubator modules' >&2))"
      echo "round=$round side=$side $out"
      echo "$precision $side $(sed -n 's/.*step_cpu_ms_min=\([0-9.]*\).*grad_hash=\([0-9a-f]*\).*/\1 \2/p' <<<"$out")" >> "$tmp/runs"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| precision | other ms/step | this ms/step | this / other | gradients |"
echo "| --- | ---: | ---: | ---: | --- |"
for precision in FLOAT DOUBLE; do
  o="$(awk -v p="$precision" '$1==p && $2=="other" {print $3}' "$tmp/runs" | med)"
  t="$(awk -v p="$precision" '$1==p && $2=="this" {print $3}' "$tmp/runs" | med)"
  hashes="$(awk -v p="$precision" '$1==p {print $4}' "$tmp/runs" | sort -u | wc -l)"
  same="$([[ $hashes == 1 ]] && echo bit-identical || echo differ)"
  awk -v p="$precision" -v o="$o" -v t="$t" -v s="$same" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.3f | %s |\n", tolower(p), o, t, t / o, s}'
done

#!/usr/bin/env bash
# Pipeline throughput on 1 and 2 threads, alternating in one warmed-up JVM (AugmentBench --serve,
# serial collector like ./augreg); prints the speed-up per size.
# Usage (project root): bench/thread_scaling.sh [--pairs] [IMAGES] [SECONDS] [ROUNDS] [wall|cpu]
#   wall: elapsed time (the real speed-up; needs two idle cores)
#   cpu:  each thread's own CPU time, summed (the speed-up two free cores would give; shows whether
#         the threads slow each other down even when other processes keep the cores busy)
#   --pairs: print one line per round instead, "SIZE RATE_1_THREAD RATE_2_THREADS" (bench/augment.sh
#         takes the median of the per-round ratios from these)
set -euo pipefail
cd "$(dirname "$0")/.."
raw=0
if [[ "${1:-}" == --pairs ]]; then raw=1; shift; fi
images=${1:-data/photos}; secs=${2:-1}; rounds=${3:-3}; clock=${4:-wall}
cp="$(bench/classpath.sh)"
sizes=(64 256 512)
for size in "${sizes[@]}"; do
  for r in $(seq 1 "$rounds"); do
    printf 'pipeline %s %s 1 %s\npipeline %s %s 2 %s\n' "$size" "$secs" "$clock" "$size" "$secs" "$clock"
  done
done | java -XX:+UseSerialGC -cp "$cp" io.augreg.augment.AugmentBench --serve "$images" \
  | paste - - | awk -v rounds="$rounds" -v clock="$clock" -v raw="$raw" -v sizes="${sizes[*]}" '
  BEGIN { split(sizes, size_of, " ") }
  { s = size_of[int((NR - 1) / rounds) + 1]
    if (raw) { print s, $1, $2; next }
    one[s] += $1; two[s] += $2 }
  END { if (!raw) for (i = 1; i in size_of; i++) { s = size_of[i]; if (s in one)
          printf "pipeline %d (%s): 1 thread %.0f/s, 2 threads %.0f/s, speed-up %.2fx\n", s, clock, one[s]/rounds, two[s]/rounds, two[s]/one[s] } }'

#!/bin/sh
# Pipeline throughput on 1 and 2 threads, alternating rounds; prints the speed-up.
# Usage (project root, after `mvn -q compile`): bench/thread_scaling.sh [IMAGES] [SECONDS] [ROUNDS] [wall|cpu]
#   wall: elapsed time (the real speed-up; needs two idle cores)
#   cpu:  each thread's own CPU time, summed (the speed-up two free cores would give; shows whether
#         the threads slow each other down even when other processes keep the cores busy)
set -e
cd "$(dirname "$0")/.."
IMAGES=${1:-data/photos}; SECS=${2:-1}; ROUNDS=${3:-3}; CLOCK=${4:-wall}
[ "$CLOCK" = cpu ] && FLAG=" cpu" || FLAG=""
[ -f target/bench-classpath.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:$(cat target/bench-classpath.txt)"
for size in 64 256 512; do
  r=1; while [ $r -le $ROUNDS ]; do echo "pipeline $size $SECS 1$FLAG"; echo "pipeline $size $SECS 2$FLAG"; r=$((r+1)); done
done | java -cp "$CP" io.augreg.augment.AugmentBench --serve "$IMAGES" | awk -v rounds="$ROUNDS" -v clock="$CLOCK" '
  { size = (NR <= 2*rounds) ? 64 : (NR <= 4*rounds ? 256 : 512);
    if (NR % 2) one[size] += $1; else two[size] += $1 }
  END { for (s = 64; s <= 512; s *= 2) if (s in one)
          printf "pipeline %d (%s): 1 thread %.0f/s, 2 threads %.0f/s, speed-up %.2fx\n", s, clock, one[s]/rounds, two[s]/rounds, two[s]/one[s] }'

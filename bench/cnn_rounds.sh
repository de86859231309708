#!/usr/bin/env bash
# Shared by the CNN A/B scripts (bench/cnn_ab.sh, bench/cnn_loop.sh, bench/cnn_step.sh); sourced,
# sets nothing in the environment.

# med: the median of the numbers on standard input, one per line.
med() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# samples_and_cpu OUT: sets sps (samples/s of the `bench cnn` line in OUT) and cpu (user + system
# seconds of the `/usr/bin/time -f "cpu=%U %S"` line in OUT).
samples_and_cpu() {
  sps="$(sed -n 's/.*samples_per_s=\([0-9.]*\).*/\1/p' <<<"$1")"
  cpu="$(sed -n 's/^cpu=\([0-9.]*\) \([0-9.]*\)$/\1 \2/p' <<<"$1" | awk '{print $1 + $2}')"
}

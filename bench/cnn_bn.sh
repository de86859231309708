#!/usr/bin/env bash
# Does batch normalization help the small CNN of issue 5 on cat/non-cat? Trains `augreg bench cnn`
# (Adam 1e-3, weight decay 5e-4, batch 32, the peer's augmentation unless AUGMENT=0) with the peer's
# architecture and with the same one plus `bn=true` on its three convolutions, for the same seeds,
# in the same run, and prints mean (min-max) test and train accuracy of each.
# Usage: bench/cnn_bn.sh [SEEDS] [EPOCHS]   (defaults: 3 seeds, 40 epochs; SEED0=K starts at K;
#   THREADS=N compute threads, default 2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seeds="${1:-3}"
epochs="${2:-40}"
augment="${AUGMENT:-1}"
threads="${THREADS:-2}"
data="../shared/datasets/catvnoncat"
[[ -d "$data" ]] || { echo "bench/cnn_bn.sh: needs $data" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null   # builds target/augreg.jar if needed
cp target/augreg.jar "$tmp/augreg.jar"
augreg() { java ${AUGREG_JAVA_OPTS:-} -jar "$tmp/augreg.jar" "$@"; }
plain="conv filters=16 k=3 | pool k=2 | conv filters=32 k=3 | pool k=2 | conv filters=64 k=3 | pool k=2 | dropout keep=0.5 | dense units=64 | dropout keep=0.5"
bn="conv filters=16 k=3 bn=true | pool k=2 | conv filters=32 k=3 bn=true | pool k=2 | conv filters=64 k=3 bn=true | pool k=2 | dropout keep=0.5 | dense units=64 | dropout keep=0.5"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
first="${SEED0:-0}"
for s in $(seq "$first" $((first + seeds - 1))); do
  for v in plain bn; do
    echo "bench/cnn_bn.sh: seed $s, $v ($epochs epochs, augment $augment, $threads threads) ..." >&2
    augreg bench cnn --data "$data" --epochs "$epochs" --threads "$threads" --augment "$augment" \
      --seed "$s" --arch "${!v}" > "$tmp/$v.$s"
    cat "$tmp/$v.$s" >&2
  done
done
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
stats() { awk '{s+=$1; if(NR==1||$1<lo)lo=$1; if(NR==1||$1>hi)hi=$1} END {printf "%.3f (%.2f-%.2f)", s/NR, lo, hi}'; }
echo "CNN with/without batch normalization on cat/non-cat, $seeds seed(s) from $first x $epochs epochs, augment $augment, $threads threads; load before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| network | per-seed test acc | mean test acc (min-max) | mean train acc (min-max) | mean samples/s |"
echo "| --- | --- | --- | --- | --- |"
for v in plain bn; do
  per="$(for s in $(seq "$first" $((first + seeds - 1))); do field test_acc < "$tmp/$v.$s"; done | paste -sd' ')"
  echo "| $([[ $v == bn ]] && echo 'conv bn=true' || echo 'peer (no bn)') | $per | $(cat "$tmp"/$v.* | field test_acc | stats) | $(cat "$tmp"/$v.* | field train_acc | stats) | $(cat "$tmp"/$v.* | field samples_per_s | awk '{s+=$1} END {printf "%.0f", s/NR}') |"
done

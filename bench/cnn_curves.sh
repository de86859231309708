#!/usr/bin/env bash
# Draws docs/cnn-learning-curves.png: the benchmark's CNN (docs/benchmarks.md) trained with and without the peer's
# augmentation (seed 0, 40 epochs, 1 thread, float), the 50 test images as the dev set so that
# their accuracy is recorded every epoch (nothing is selected on it: the last epoch is kept).
# Usage: bench/cnn_curves.sh [SEED] [EPOCHS]   (defaults 0, 40; about a minute per run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seed="${1:-0}"
epochs="${2:-40}"
data="data/catvnoncat"
[[ -d "$data" ]] || data="../shared/datasets/catvnoncat"
./augreg --version >/dev/null   # builds target/augreg.jar if needed
tmp="${KEEP:-$(mktemp -d)}"; [[ -n "${KEEP:-}" ]] || trap 'rm -rf "$tmp"' EXIT; mkdir -p "$tmp"
# the network and the augmentation of `augreg bench cnn` (the peer's), from the one place that holds them
recipe="$(./augreg bench cnn --print-recipe)"
arch="$(sed -n 's/^arch: //p' <<< "$recipe")"
augment="$(sed -n 's/^augment: //p' <<< "$recipe")"
for a in none aug; do
  extra=()
  [[ "$a" == aug ]] && extra=(--augment "$augment")
  echo "bench/cnn_curves.sh: training ($a) ..." >&2
  ./augreg train --train "$data/train" --dev "$data/test" --size 64x64 --arch "$arch" "${extra[@]}" \
    --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 --epochs "$epochs" --seed "$seed" \
    --threads 1 --precision float --out "$tmp/$a" --overwrite > "$tmp/$a.txt"
done
java -cp target/augreg.jar bench/CnnCurves.java docs/cnn-learning-curves.png \
  "no augmentation=$tmp/none" "augmented=$tmp/aug"
echo "bench/cnn_curves.sh: wrote docs/cnn-learning-curves.png" >&2

#!/usr/bin/env bash
# Issue 14 §3 with the training aids: the tuned cat/non-cat recipe of docs/tune.md (the peer's CNN,
# strong augmentation, l2 = 0) is fixed; augreg tune chooses MixUp, label smoothing and the LR
# schedule on a seeded 80/20 dev split of train/ only, then retrains the chosen setting on the
# whole train/ (--refit) on FINAL_SEEDS seeds and evaluates it once on test/.
# Compare with bench/cats_seeds.sh OUT 1 20 (the same recipe without aids, same seed numbers).
# Usage: bench/tune_cats_aids.sh [OUT] [FINAL_SEEDS] [SEEDS]   (AUGREG=path/to/augreg.jar)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-out/tune-cats-aids}"
final="${2:-20}"
seeds="${3:-1}"
jar="${AUGREG:-$here/target/augreg.jar}"
recipe="$(java -jar "$jar" bench cnn --print-recipe)"
arch="$(sed -n 's/^arch: //p' <<<"$recipe")"
java -XX:+UseSerialGC -Daugreg.tuned=1 -jar "$jar" tune --train "$here/data/catvnoncat/train" \
  --test "$here/data/catvnoncat/test" --dev-share 0.2 --split-seed 1 \
  --grid "mixup=0,0.2 label-smoothing=0,0.1 lr-schedule=constant,cosine" \
  --seeds "$seeds" --final-seeds "$final" --refit --threads 2 --out "$out" \
  -- --arch "$arch" --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 --epochs 40 \
  --precision float --size 64x64 "--augment=@$here/bench/tune/strong.txt" --l2 0

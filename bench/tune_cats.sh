#!/usr/bin/env bash
# Issue 14 §3: augreg tune on cat/non-cat. The peer's CNN recipe (bench cnn --print-recipe) is
# fixed; the search is over augmentation strength (bench/tune/{light,peer,strong}.txt) and L2,
# chosen on a seeded 80/20 dev split of train/ only (2 seeds per setting; ROUNDS=2 adds a round
# that refines around the best as its verdict says). The chosen setting is then retrained on the
# whole train/ (--refit, as the peer trains) on FINAL_SEEDS seeds and evaluated once on test/.
# A killed run continues where it stopped when the script is rerun with the same OUT.
# Usage: bench/tune_cats.sh [OUT] [FINAL_SEEDS]   (AUGREG=path/to/augreg.jar to use a copy)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-out/tune-cats}"
final="${2:-20}"
jar="${AUGREG:-$here/target/augreg.jar}"
recipe="$(java -jar "$jar" bench cnn --print-recipe)"
arch="$(sed -n 's/^arch: //p' <<<"$recipe")"
java -XX:+UseSerialGC -Daugreg.tuned=1 -jar "$jar" tune --train "$here/data/catvnoncat/train" \
  --test "$here/data/catvnoncat/test" --dev-share 0.2 --split-seed 1 \
  --grid "augment=@$here/bench/tune/light.txt,@$here/bench/tune/peer.txt,@$here/bench/tune/strong.txt l2=0,1" \
  --seeds 2 --rounds "${ROUNDS:-1}" --final-seeds "$final" --refit --threads 2 --out "$out" \
  -- --arch "$arch" --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 --epochs 40 \
  --precision float --size 64x64

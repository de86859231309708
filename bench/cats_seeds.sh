#!/usr/bin/env bash
# Issue 14 §3: the tuned cat/non-cat recipe (docs/tune.md: the peer's CNN, strong augmentation,
# l2 = 0) retrained on the whole train/ for seeds FIRST..LAST and evaluated once on test/, with
# any extra train options after "--" (e.g. the regularizers of docs/train.md: --mixup 0.2).
# Each seed is an ordinary run folder OUT/seed-N; finished seeds are kept when rerun. Prints the
# per-seed test accuracies and their mean ± standard error (sd; min–max).
# Usage: bench/cats_seeds.sh OUT FIRST LAST [-- extra train options]
#        (AUGREG=path/to/augreg.jar to use another jar, THREADS=n per run, default 1)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; first="$2"; last="$3"; shift 3
[[ "${1:-}" == "--" ]] && shift
jar="${AUGREG:-$here/target/augreg.jar}"
recipe="$(java -jar "$jar" bench cnn --print-recipe)"
arch="$(sed -n 's/^arch: //p' <<<"$recipe")"
mkdir -p "$out"
for s in $(seq "$first" "$last"); do
  dir="$out/seed-$s"
  [[ -f "$dir/report.json" ]] && continue
  java -XX:+UseSerialGC -Daugreg.tuned=1 -jar "$jar" train --train "$here/data/catvnoncat/train" \
    --test "$here/data/catvnoncat/test" --arch "$arch" --optimizer adam --lr 0.001 --batch 32 \
    --weight-decay 5e-4 --epochs 40 --precision float --size 64x64 \
    --augment "@$here/bench/tune/strong.txt" --l2 0 --seed "$s" --threads "${THREADS:-1}" \
    --no-progress --overwrite --out "$dir" "$@" >"$out/seed-$s.log" 2>&1
done
python3 - "$out" "$first" "$last" <<'PY'
import json, math, sys
out, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
acc = [json.load(open(f"{out}/seed-{s}/report.json"))["test_accuracy"] for s in range(a, b + 1)]
n = len(acc); mean = sum(acc) / n
sd = math.sqrt(sum((x - mean) ** 2 for x in acc) / (n - 1)) if n > 1 else 0.0
print("per seed:", " ".join(f"{x:.2f}" for x in acc))
print(f"test accuracy {mean:.3f} ± {sd / math.sqrt(n):.3f} (sd {sd:.3f}; {min(acc):.2f}–{max(acc):.2f}), {n} seeds")
PY

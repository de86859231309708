#!/usr/bin/env bash
# The catalogue contact sheet in docs/: `augreg preview` of every registered step on one photo
# (three variants each, labelled with their parameter records), stacked into docs/catalogue.jpg.
# Usage: bench/catalogue_sheet.sh [IMAGE] [OUT]   (defaults: ../shared/datasets/photos/china.jpg,
# docs/catalogue.jpg; needs python3-pil to stack the rows)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
image="${1:-../shared/datasets/photos/china.jpg}"
out="${2:-docs/catalogue.jpg}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null
steps=(
  "hflip" "vflip" "rotate" "crop" "translate" "zoom" "contrast factor=0.5..1.5"
  "brightness delta=-60..60" "noise sigma=20" "saturation factor=0..2" "hue shift=-0.3..0.3"
  "colorjitter" "grayscale" "channelshuffle" "gamma gamma=0.4..2.5" "invert" "posterize bits=2..3"
  "solarize threshold=96..160" "sharpness factor=3..6" "autocontrast" "equalize"
  "blur kernel=9..15 sigma=2..5" "jpeg quality=5..15" "affine deg=-30..30 scale=0.8..1.2 shear_x=-15..15"
  "perspective distortion=0.6" "elastic alpha=300 sigma=6" "pad px=20..40 border=reflect"
  "centercrop size=300x200" "randomcrop size=320x240 padding=40" "zoomout side=1.5..3"
  "erase scale=0.1..0.3 value=channel" "coarsedropout holes=6..12 size=0.05..0.12"
  "randaugment n=2 m=12" "trivialaugment" "autoaugment policy=imagenet" "augmix severity=5")
i=0
for s in "${steps[@]}"; do
  ./augreg preview "$image" --pipeline "$s" --variants 3 --max-images 1 --tile 150 --seed $((i + 1)) \
    --out "$tmp/$(printf %02d $i).png" >/dev/null
  i=$((i + 1))
done
/usr/bin/python3 - "$tmp" "$out" <<'PY'
import glob, sys
from PIL import Image
rows = [Image.open(f).convert("RGB") for f in sorted(glob.glob(sys.argv[1] + "/*.png"))]
# two columns of rows keep the sheet readable
half = (len(rows) + 1) // 2
w = max(r.width for r in rows)
h = max(sum(r.height for r in rows[:half]), sum(r.height for r in rows[half:]))
sheet = Image.new("RGB", (2 * w, h), "white")
y = [0, 0]
for k, r in enumerate(rows):
    col = 0 if k < half else 1
    sheet.paste(r, (col * w, y[col]))
    y[col] += r.height
sheet = sheet.resize((sheet.width * 3 // 4, sheet.height * 3 // 4), Image.LANCZOS)
sheet.save(sys.argv[2], quality=70, optimize=True)
print(f"{sys.argv[2]}: {len(rows)} steps, {sheet.width}x{sheet.height}")
PY

#!/usr/bin/env bash
# Catalogue throughput: every catalogue step of `augreg bench augment` (AugmentBench.CATALOGUE) on
# 1 thread against the fastest Python implementation here (bench/aug_catalogue_peers.py:
# OpenCV-Python where OpenCV has the op, else torchvision's tensor path; the policies against
# torchvision's own), same photos resized to 64/256/512 px, alternating size by size in each round.
# Usage: bench/augment_catalogue.sh [SECONDS_PER_CASE] [ROUNDS] [CLOCK]  (defaults: 0.5 s, 3, cpu)
# Prints a Markdown table: medians over the rounds, ratio = median of the per-round ratios;
# target 1.0x per op, 3.0x for the policies.
# Environment: CASES=a,b,... runs only those cases; BASELINE_JAR=path/to/augreg.jar also runs that
# build in every round, next to this one (a "before" column and the after/before ratio).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
secs="${1:-0.5}"
rounds="${2:-3}"
clock="${3:-cpu}"
[[ "$clock" == wall || "$clock" == cpu ]] || { echo "bench/augment_catalogue.sh: CLOCK must be wall or cpu" >&2; exit 2; }
photos="../shared/datasets/photos"
[[ -d "$photos" ]] || { echo "bench/augment_catalogue.sh: needs $photos" >&2; exit 2; }
/usr/bin/python3 -c "import cv2, torch, torchvision" 2>/dev/null \
  || { echo "bench/augment_catalogue.sh: needs python3-opencv python3-torchvision (apt-get install -y)" >&2; exit 2; }
all_cases="saturation,hue,colorjitter,grayscale,channelshuffle,gamma,invert,posterize,solarize,sharpness,autocontrast,equalize,blur,jpeg,affine,perspective,elastic,pad,erase,coarsedropout,randaugment,trivialaugment,autoaugment,augmix"
cases="${CASES:-$all_cases}"
baseline="${BASELINE_JAR:-}"
[[ -z "$baseline" || -f "$baseline" ]] || { echo "bench/augment_catalogue.sh: BASELINE_JAR $baseline not found" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for size in 64 256 512; do
    echo "bench/augment_catalogue.sh: round $r/$rounds, $size px ..." >&2
    ./augreg bench augment --images "$photos" --sizes "$size" --seconds "$secs" --threads 1 \
      --clock "$clock" --cases "$cases" --json > "$tmp/a.$r.$size.json"
    if [[ -n "$baseline" ]]; then
      java -XX:+UseSerialGC -Daugreg.tuned=1 -jar "$baseline" bench augment --images "$photos" --sizes "$size" \
        --seconds "$secs" --threads 1 --clock "$clock" --cases "$cases" --json > "$tmp/b.$r.$size.json"
    fi
    /usr/bin/python3 bench/aug_catalogue_peers.py "$photos" "$size" "$secs" "$clock" "$cases" \
      > "$tmp/p.$r.$size.txt"
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
/usr/bin/python3 - "$tmp" "$secs" "$rounds" "$clock" "$cpu" "$load_before" "$load_after" "$cases" <<'PY'
import glob, json, statistics, sys, datetime
tmp, secs, rounds, clock, cpu, l0, l1, cases = sys.argv[1:9]
aug, before, peer, lib = {}, {}, {}, {}
for prefix, into in (("a", aug), ("b", before)):
    for f in glob.glob(f"{tmp}/{prefix}.*.json"):
        r = int(f.split("/")[-1].split(".")[1])
        for x in json.load(open(f))["results"]:
            into.setdefault((x["name"], x["size"]), {})[r] = x["images_per_second"]
for f in glob.glob(f"{tmp}/p.*.txt"):
    r = int(f.split("/")[-1].split(".")[1])
    for line in open(f):
        l, c, s, v = line.split()
        peer.setdefault((c, int(s)), {})[r] = float(v)
        lib[c] = l
unit = "img/s" if clock == "wall" else "img per CPU s"
print(f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu}, 1 thread, {secs} s"
      f" ({'elapsed' if clock == 'wall' else 'per-thread CPU'} time) per case, {rounds} rounds;"
      f" load average before {l0}, after {l1}.")
print()
extra = " before ({unit}) | after/before |".format(unit=unit) if before else ""
print(f"| case | peer | size | augreg ({unit}) | peer ({unit}) | ratio (min-max) | target |{extra}")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if before else ""))
misses = []
policies = {"randaugment", "trivialaugment", "autoaugment", "augmix"}
for c in cases.split(","):
    for s in (64, 256, 512):
        a, p = aug.get((c, s), {}), peer.get((c, s), {})
        ratios = [a[r] / p[r] for r in a if r in p and p[r] > 0]
        if not ratios:
            continue
        target = 3.0 if c in policies else 1.0
        ratio = statistics.median(ratios)
        ok = "ok" if ratio >= target else "MISS"
        if ratio < target:
            misses.append(f"{c}@{s}")
        print(f"| {c} | {lib[c]} | {s} | {statistics.median(a.values()):,.0f} |"
              f" {statistics.median(p.values()):,.0f} | {ratio:.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) |"
              f" >= {target:.0f}x {ok} |", end="")
        b = before.get((c, s), {})
        gains = [a[r] / b[r] for r in a if r in b and b[r] > 0]
        if before:
            print(f" {statistics.median(b.values()):,.0f} | {statistics.median(gains):.2f}x |" if gains else " - | - |", end="")
        print()
print()
print("Targets missed: " + (", ".join(misses) if misses else "none"))
PY

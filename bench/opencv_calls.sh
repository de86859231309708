#!/usr/bin/env bash
# The same OpenCV calls on the two OpenCV builds that bench/augment*.sh compare: augreg's (JavaCV,
# bench/OpenCvCalls.java) and the peer's (Debian's python3-opencv, bench/opencv_calls.py), one
# thread, per-thread CPU time per call, alternating the two sides size by size in each round.
# Shows where a catalogue cell is bounded by the native library rather than by augreg's code
# (blur is one GaussianBlur call on both sides, jpeg one imencode + imdecode).
# Usage: bench/opencv_calls.sh [SECONDS_PER_CALL] [ROUNDS]   (defaults: 0.5 s, 3)
# Prints a Markdown table: medians over the rounds, ratio = peer time / augreg time (> 1: the
# JavaCV build is faster).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
secs="${1:-0.5}"
rounds="${2:-3}"
image="../shared/datasets/photos/china.jpg"
[[ -f "$image" ]] || { echo "bench/opencv_calls.sh: needs $image" >&2; exit 2; }
./augreg --version >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for size in 64 512; do
    echo "bench/opencv_calls.sh: round $r/$rounds, $size px ..." >&2
    java -XX:+UseSerialGC -cp target/augreg.jar bench/OpenCvCalls.java "$image" "$size" "$secs" >> "$tmp/r$r"
    /usr/bin/python3 bench/opencv_calls.py "$image" "$size" "$secs" >> "$tmp/r$r"
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$tmp" "$secs" "$rounds" "$load_before" "$load_after" "$(/usr/bin/python3 -c 'import cv2; print(cv2.__version__)')" <<'PY'
import glob, statistics, sys, datetime
tmp, secs, rounds, l0, l1, peer_version = sys.argv[1:7]
t = {}
for f in glob.glob(f"{tmp}/r*"):
    r = f.split("/")[-1]
    for line in open(f):
        side, call, size, us = line.split()
        t.setdefault((call, int(size)), {}).setdefault(side, {})[r] = float(us)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
print(f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu}, 1 thread, {secs} s per call"
      f" (per-thread CPU time), {rounds} rounds; load average before {l0}, after {l1}.")
print()
print(f"| call | size | augreg's OpenCV 4.13 (JavaCV) us | peer's OpenCV {peer_version} (Debian) us | peer/augreg (min-max) |")
print("| --- | ---: | ---: | ---: | ---: |")
for (call, size), sides in t.items():
    a, p = sides.get("javacv", {}), sides.get("debian", {})
    ratios = [p[r] / a[r] for r in a if r in p]
    if not ratios:
        continue
    print(f"| {call} | {size} | {statistics.median(a.values()):.1f} | {statistics.median(p.values()):.1f} |"
          f" {statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) |")
PY

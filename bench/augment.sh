#!/usr/bin/env bash
# Augmentation throughput: augreg (1 and 2 threads) against OpenCV-Python (1 thread), measured in
# the same run on the same images (../shared/datasets/photos, resized to 64/256/512 px).
# Usage: bench/augment.sh [SECONDS_PER_CASE] [ROUNDS] [CLOCK]   (defaults: 1 s, 5 rounds, wall)
# Each round goes size by size: augreg on 1 thread (all cases), the peer at that size
# (bench/aug_peer_size.py: the peer script's own case functions and timing loop), then the
# pipeline case of augreg on 2 threads, so the two sides of a cell run within seconds of each
# other. A ratio is the median over the rounds of that round's ratio: load that hits a round hits
# both sides of its ratio alike, and one disturbed round cannot move the median.
# CLOCK wall: elapsed time (needs an idle machine). CLOCK cpu: each side's images per second of
# its own thread CPU time (`augreg bench augment --clock cpu`), which other processes on the cores
# do not inflate; the 2-thread figure is then the sum of the two threads' CPU-time rates (do the
# threads slow each other down?), so the wall-clock speed-up still needs an idle machine.
# Prints a Markdown table: images/s per case and size, the augreg/OpenCV-Python ratio on one
# thread, and the 2-thread/1-thread speed-up of the pipeline case.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
secs="${1:-1}"
rounds="${2:-5}"
clock="${3:-wall}"
[[ "$clock" == wall || "$clock" == cpu ]] || { echo "bench/augment.sh: CLOCK must be wall or cpu, got $clock" >&2; exit 2; }
sizes=(64 256 512)
photos="../shared/datasets/photos"
peer="../shared/reference/peers/aug_peers.py"
[[ -d "$photos" && -f "$peer" ]] || { echo "bench/augment.sh: needs $photos and $peer" >&2; exit 2; }

if ! /usr/bin/python3 -c "import cv2, torch, torchvision" 2>/dev/null; then
  echo "bench/augment.sh: installing python3-opencv python3-torchvision (the peer needs them) ..." >&2
  sudo_cmd=""; [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q python3-opencv python3-torchvision >&2
fi

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null   # builds target/augreg.jar if needed, before any timing
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for size in "${sizes[@]}"; do
    echo "bench/augment.sh: round $r/$rounds, $size px: augreg 1 thread, OpenCV-Python, augreg 2 threads ($clock clock) ..." >&2
    ./augreg bench augment --images "$photos" --sizes "$size" --seconds "$secs" --threads 1 \
      --clock "$clock" --json > "$tmp/t1.$r.$size.json"
    /usr/bin/python3 bench/aug_peer_size.py "$photos" "$size" "$secs" "$clock" > "$tmp/peer.$r.$size.txt"
    ./augreg bench augment --images "$photos" --sizes "$size" --seconds "$secs" --threads 2 \
      --cases pipeline --clock "$clock" --json > "$tmp/t2.$r.$size.json"
  done
done
# The 2-thread speed-up of the pipeline: bench/thread_scaling.sh alternates 1 and 2 threads in one
# warmed-up JVM, PAIRS times per size, SECONDS each, so both sides of a pair run seconds apart;
# the table reports the median of the per-pair ratios.
pairs="${PAIRS:-12}"
echo "bench/augment.sh: pipeline speed-up, $pairs alternating 1-/2-thread pairs per size ..." >&2
bench/thread_scaling.sh --pairs "$photos" "$secs" "$pairs" "$clock" > "$tmp/pairs.txt"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
/usr/bin/python3 - "$tmp" "$secs" "$cpu" "$(nproc)" "$rounds" "$load_before" "$load_after" "$clock" "$pairs" "${sizes[*]}" <<'PY'
import glob, json, sys, datetime
tmp, secs, cpu, cores, rounds, load0, load1, clock, pairs, size_list = sys.argv[1:11]
def best(into, key, value):
    into[key] = max(into.get(key, 0.0), value)
import statistics
# per round: {(case, size): {round: images/s}}
t1, t2, peer = {}, {}, {}
def put(into, key, rnd, value):
    into.setdefault(key, {})[rnd] = value
for name, d in (("t1", t1), ("t2", t2)):
    for f in sorted(glob.glob(f"{tmp}/{name}.*.json")):
        rnd = int(f.split("/")[-1].split(".")[1])
        for x in json.load(open(f))["results"]:
            put(d, (x["name"], x["size"]), rnd, x["images_per_second"])
for f in sorted(glob.glob(f"{tmp}/peer.*.txt")):
    rnd = int(f.split("/")[-1].split(".")[1])
    for line in open(f):
        parts = line.split()
        if len(parts) == 4 and parts[0] == "opencv-python":
            put(peer, (parts[1], int(parts[2])), rnd, float(parts[3]))
def median(values):
    return statistics.median(values) if values else None
unit = "img/s" if clock == "wall" else "img per CPU s"
cases = ["hflip", "vflip", "rotate", "crop", "contrast", "noise", "pipeline"]
sizes = sorted({s for (_, s) in t1})
clock_text = "elapsed time" if clock == "wall" else "per-thread CPU time"
print(f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu} ({cores} cores), {secs} s"
      f" ({clock_text}) per case, {rounds} rounds; images/s are medians over the rounds, ratios the"
      f" median of the per-round ratios (both sides of a ratio run in the same round, seconds apart);"
      f" load average before {load0}, after {load1}.")
print()
print(f"| case | size | augreg 1 thread ({unit}) | OpenCV-Python 1 thread ({unit}) | ratio (min-max) | target | augreg 2 threads ({unit}) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
misses = []
for size in sizes:
    for c in cases:
        a, p, b = t1.get((c, size)), peer.get((c, size)), t2.get((c, size))
        if a is None:
            continue
        target = 2.0 if c == "noise" else 1.0
        two = f"{median(list(b.values())):,.0f}" if b else "-"
        if not p:
            print(f"| {c} | {size} | {median(list(a.values())):,.0f} | - | - | - | {two} |")
            continue
        ratios = [a[r] / p[r] for r in a if r in p and p[r] > 0]
        ratio = median(ratios)
        ok = "ok" if ratio >= target else "MISS"
        if ratio < target:
            misses.append(f"{c}@{size}")
        print(f"| {c} | {size} | {median(list(a.values())):,.0f} | {median(list(p.values())):,.0f} |"
              f" {ratio:.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) | >= {target:.1f}x {ok} | {two} |")
print()
print(f"| pipeline | size | 1 thread | 2 threads | speed-up, {clock_text}, median of {pairs} pairs (min-max) | target |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
pair_rates = {}  # size -> [(1-thread rate, 2-thread rate), ...]
for line in open(f"{tmp}/pairs.txt"):
    size, one_rate, two_rate = line.split()
    pair_rates.setdefault(int(size), []).append((float(one_rate), float(two_rate)))
for size in (int(x) for x in size_list.split()):
    one = [a for a, _ in pair_rates.get(size, [])]
    two = [b for _, b in pair_rates.get(size, [])]
    ups = [b / a for a, b in zip(one, two) if a > 0]
    if not ups:
        continue
    up = median(ups)
    ok = "ok" if up >= 1.8 else "MISS"
    if up < 1.8:
        misses.append(f"pipeline 2-thread speed-up@{size}")
    print(f"| pipeline | {size} | {median(one):,.0f} | {median(two):,.0f} | {up:.2f}x ({min(ups):.2f}-{max(ups):.2f}) | >= 1.8x {ok} |")
print()
print("Targets missed: " + (", ".join(misses) if misses else "none"))
PY

#!/usr/bin/env bash
# The Spark job against the CLI on one machine, in the same run (issue 16 §3):
#   augreg augment --threads 2   |   augreg spark --master local[1]   |   augreg spark --master local[2]
# on the same folder, with the same options, alternating the three ROUNDS times.
# Usage (project root): bench/spark.sh [SIZE] [ROUNDS] [COPIES]   (defaults: 256, 3, 1)
# The input folder data/bench<SIZE> (git-ignored) is made on first use from the cat/non-cat photos:
# `augreg augment data/catvnoncat data/bench<SIZE> --size <SIZE>x<SIZE> --copies 39` = 10 101 images.
# Every run writes to a fresh folder under $TMPDIR and is timed by /usr/bin/time: wall, user+sys
# CPU and peak RSS (in local mode the driver and the executors are one JVM: its peak RSS is both).
# Spark's own summary time excludes the JVM and session start; both are printed.
# Prints a Markdown table (medians over the rounds; ratios are medians of per-round ratios, so a
# load burst hits both sides of a ratio alike) with the load average before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size="${1:-256}"
rounds="${2:-3}"
copies="${3:-1}"
input="data/bench$size"
if [[ ! -f "$input/manifest.jsonl" ]]; then
  echo "bench/spark.sh: making $input (10 101 images of ${size}x${size}) ..." >&2
  ./augreg augment data/catvnoncat "$input" --size "${size}x${size}" --copies 39 --seed 1 \
    --overwrite >/dev/null
fi
# a manifest at INPUT's root is not an input; both tools skip it
./augreg --version >/dev/null
./augreg spark --version >/dev/null   # builds the Spark artifact before any timing
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

run() { # NAME ARGS... : one timed run; appends "NAME wall cpu rss_mb job_s files" to $tmp/runs
  local name="$1"; shift
  rm -rf "$tmp/out"
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" "$input" "$tmp/out" --copies "$copies" \
    --seed 3 > "$tmp/stdout" 2> "$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
  read -r wall user sys rss < "$tmp/time"
  # "NAME: W written, S skipped, F failed (N input files) in T s, R files/s"
  local job files
  job="$(sed -n 's/.* in \([0-9.]*\) s,.*/\1/p' "$tmp/stdout" | head -1)"
  files="$(sed -n 's/.*(\([0-9]*\) input files).*/\1/p' "$tmp/stdout" | head -1)"
  echo "$name $wall $(echo "$user + $sys" | bc) $((rss / 1024)) $job $files" >> "$tmp/runs"
  echo "bench/spark.sh: $name: wall ${wall}s, cpu $(echo "$user + $sys" | bc)s, job ${job}s, peak RSS $((rss / 1024)) MB" >&2
}

for r in $(seq 1 "$rounds"); do
  echo "bench/spark.sh: round $r/$rounds ($input, --copies $copies) ..." >&2
  run cli ./augreg augment --threads 2
  run local1 ./augreg spark --master 'local[1]'
  run local2 ./augreg spark --master 'local[2]'
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

python3 - "$tmp/runs" "$size" "$rounds" "$copies" "$cpu" "$(nproc)" "$load_before" "$load_after" <<'PY'
import sys, statistics as st, datetime
path, size, rounds, copies, cpu, cores, load0, load1 = sys.argv[1:9]
runs = {}
order = []
for line in open(path):
    name, wall, cpu_s, rss, job, files = line.split()
    runs.setdefault(name, []).append(dict(wall=float(wall), cpu=float(cpu_s), rss=int(rss),
                                          job=float(job), files=int(files)))
files = runs["cli"][0]["files"]
outputs = files * int(copies)
def med(name, key):
    return st.median(r[key] for r in runs[name])
def ratio(a, b, key):  # median of per-round throughput ratios a/b = time b / time a
    return st.median(rb[key] / ra[key] for ra, rb in zip(runs[a], runs[b]))
print(f"{datetime.date.today()}, {cpu}, {cores} cores; {files} images of {size}x{size} px, "
      f"--copies {copies}, {rounds} alternating rounds; load average before {load0}, after {load1}.")
print()
print("| run | images/s (job) | images/s (wall) | ms per image (job) | CPU s (user+sys) | peak RSS MB |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
labels = {"cli": "augreg augment --threads 2", "local1": "augreg spark local[1]",
          "local2": "augreg spark local[2]"}
for name in ("cli", "local1", "local2"):
    job, wall = med(name, "job"), med(name, "wall")
    print(f"| {labels[name]} | {outputs / job:.0f} | {outputs / wall:.0f} | "
          f"{1000 * job / outputs:.2f} | {med(name, 'cpu'):.1f} | {med(name, 'rss')} |")
print()
print(f"- local[2] / local[1]: {ratio('local2', 'local1', 'job'):.2f}x (job), "
      f"{ratio('local2', 'local1', 'wall'):.2f}x (wall)")
print(f"- Spark local[2] / augment --threads 2: {ratio('local2', 'cli', 'job'):.2f}x (job), "
      f"{ratio('local2', 'cli', 'wall'):.2f}x (wall, with Spark's start)")
print(f"- CPU per image: CLI {1000 * med('cli', 'cpu') / outputs:.2f} ms, "
      f"Spark local[2] {1000 * med('local2', 'cpu') / outputs:.2f} ms")
PY

#!/usr/bin/env bash
# The CNN rows of ../shared/tools/equal-cores-bench.sh, exactly as it runs them, for this build
# against another build and the PyTorch 2 peer, in alternating rounds (issue 13, cnnjit): plain
# `java -jar JAR bench cnn --data DATA --epochs 4 --augment 0 --threads N` pinned with taskset to
# core 0 (N 1) and to cores 0,1 (N 2), with the environment as it is (OPENBLAS_CORETYPE kept, as
# the yardstick keeps it), each jar relaunching its tuned child JVM (cli/Launch) with its own
# class-data sharing archive (recorded by one untimed run per jar first), and
# `python3 peers/torch2_cats.py NPZ cnn 4 N` (whose first epoch is untimed).
#
#   mvn -B -q -DskipTests package
#   bench/cnn_yardstick.sh OTHER.jar [ROUNDS] [CORES...]   # defaults: 5 rounds, cores 0 and 0,1
#
# Every round runs peer, other, this (the order rotates each round) at each pinning. Prints each
# run (samples/s, user+system CPU seconds of the whole process tree) and per pinning the medians,
# the median of the per-round ratios this/other and this/peer, and their min-max. On a loaded
# machine the samples/s of single runs swing by 2x: read the same-round ratios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
other="${1:?usage: bench/cnn_yardstick.sh OTHER.jar [ROUNDS] [CORES...]}"
rounds="${2:-5}"
shift $(($# >= 2 ? 2 : 1))
pins=("$@")
((${#pins[@]} > 0)) || pins=(0 0,1)
data="$PWD/../shared/datasets/catvnoncat"
peers="$PWD/../shared/reference/peers"
[[ -f target/augreg.jar && -f "$other" && -d "$data" ]] ||
  { echo "bench/cnn_yardstick.sh: needs target/augreg.jar, $other and $data" >&2; exit 2; }
python3 -c "import torch" 2>/dev/null || { echo "bench/cnn_yardstick.sh: pip install --no-deps --no-index torch" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# each jar in a folder of its own, so that each records and maps its own augreg.jsa
mkdir -p "$tmp/this" "$tmp/other"
cp target/augreg.jar "$tmp/this/augreg.jar"
cp "$other" "$tmp/other/augreg.jar"
/usr/bin/python3 "$peers/cats_to_npz.py" "$data" "$tmp/cats.npz" >/dev/null
for side in this other; do
  java -jar "$tmp/$side/augreg.jar" bench cnn --data "$data" --epochs 1 --augment 0 >/dev/null 2>&1
done
echo "# bench/cnn_yardstick.sh, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before:" \
  "$(cut -d' ' -f1-3 /proc/loadavg); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
echo "- this: target/augreg.jar; other: $other; $(java -version 2>&1 | head -1)"
tools=(peer other this)
for ((r = 1; r <= rounds; r++)); do
  for pin in "${pins[@]}"; do
    n=$(tr ',' '\n' <<<"$pin" | wc -l)
    for ((k = 0; k < 3; k++)); do
      tool=${tools[$(((k + r) % 3))]}
      if [[ $tool == peer ]]; then
        cmd=(python3 "$peers/torch2_cats.py" "$tmp/cats.npz" cnn 4 "$n")
      else
        cmd=(java -jar "$tmp/$tool/augreg.jar" bench cnn --data "$data" --epochs 4 --augment 0 --threads "$n")
      fi
      out="$( { /usr/bin/time -f "cpu=%U %S" taskset -c "$pin" "${cmd[@]}"; } 2>&1 || true)"
      sps="$(sed -n 's/.*samples_per_s=\([0-9.]*\).*/\1/p' <<<"$out" | tail -1)"
      cpu="$(sed -n 's/^cpu=\([0-9.]*\) \([0-9.]*\)$/\1 \2/p' <<<"$out" | awk '{print $1 + $2}')"
      acc="$(grep -o 'test_acc=[0-9.]*' <<<"$out" | tail -1 || true)"
      echo "round=$r cores=$pin tool=$tool samples_per_s=${sps:-?} cpu_s=${cpu:-?} $acc load=$(cut -d' ' -f1 /proc/loadavg)"
      echo "$r $pin $tool ${sps:-0} ${cpu:-0}" >>"$tmp/runs"
    done
  done
done
echo "- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| cores | peer samples/s | other samples/s | this samples/s | this / other (min-max) | this / peer (min-max) | CPU s peer / other / this |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for pin in "${pins[@]}"; do
  python3 - "$tmp/runs" "$pin" <<'EOF'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
pin = sys.argv[2]
by = {}
for r, p, tool, sps, cpu in rows:
    if p == pin:
        by.setdefault(r, {})[tool] = (float(sps), float(cpu))
def col(t, i): return [v[t][i] for v in by.values() if t in v]
def ratios(a, b): return [v[a][0] / v[b][0] for v in by.values() if a in v and b in v and v[b][0] > 0]
ro, rp = ratios('this', 'other'), ratios('this', 'peer')
print('| %s | %.0f | %.0f | %.0f | %.2f (%.2f-%.2f) | %.2f (%.2f-%.2f) | %.1f / %.1f / %.1f |' % (
    pin, st.median(col('peer', 0)), st.median(col('other', 0)), st.median(col('this', 0)),
    st.median(ro), min(ro), max(ro), st.median(rp), min(rp), max(rp),
    st.median(col('peer', 1)), st.median(col('other', 1)), st.median(col('this', 1))))
EOF
done

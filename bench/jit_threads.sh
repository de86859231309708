#!/usr/bin/env bash
# Benchmark: where football's CPU goes per thread group (C1 and C2 compilers, training, pictures,
# main) for JVM flag variants, in alternating rounds (issue 13). Each run is `./augreg football
# --reference --json` (or BEFORE's launcher and jar, as bench/football.sh takes them) under
# `perf record -F 997 -e cpu-clock`; a thread's CPU is its samples / 997 (perf's own CPU is not
# counted there, but is in the whole-process column, which /usr/bin/time takes around perf).
# Prints every run, then medians per variant and the medians of the per-round ratios to the first
# variant (the machine's load moves all variants of a round together). The lesson's table is
# checked on every run.
#
#   bench/jit_threads.sh ROUNDS VARIANT...   # a variant: JVM flags, then optionally '||' and
#                                            # football options, e.g. '' '-XX:CICompilerCount=3'
#   BEFORE=REV BEFORE_JAR=JAR bench/jit_threads.sh ...   # run REV's launcher and jar instead
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh
if (($# < 2)) || ! command -v perf >/dev/null; then
  echo "usage: bench/jit_threads.sh ROUNDS VARIANT... ('' = no extra flags; needs perf)" >&2
  exit 2
fi
rounds="$1" variants=("${@:2}") tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
launchers bench/jit_threads.sh
launcher="${before:-./augreg}"
n=${#variants[@]}
echo "# bench/jit_threads.sh, $(date -u +%Y-%m-%dT%H:%MZ), launcher $launcher"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | variant | wall s | CPU s | C1 | C2 | training | pictures | main | other |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < n; k++)); do
    v=$(((k + r) % n))
    flags="${variants[$v]%%||*}" args=""
    [[ "${variants[$v]}" == *"||"* ]] && args="${variants[$v]#*||}"
    rm -rf "$tmp/out"
    # shellcheck disable=SC2086
    AUGREG_JAVA_OPTS="$flags" /usr/bin/time -o "$tmp/time" -f '%e %U %S' perf record -q -F 997 \
      -e cpu-clock -o "$tmp/perf.data" -- taskset -c 0,1 "$launcher" football --reference --json \
      --out "$tmp/out" $args >"$tmp/json" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    table=$(python3 -c "import json; print(' '.join('%.4f/%.3f' % (r['train_accuracy'], r['test_accuracy']) for r in json.load(open('$tmp/json'))['runs']))")
    [[ "$table" == "0.9479/0.915 0.9384/0.930 0.9289/0.950" ]] || { echo "table moved: $table" >&2; exit 1; }
    # thread names: "C1 CompilerThre", "C2 CompilerThre", football-N, football-figures-N (cut to
    # 15 characters by the kernel), java (the main thread)
    perf script -i "$tmp/perf.data" -F comm 2>/dev/null | sed 's/^ *//; s/ *$//' | awk -v v="$v" \
      -v r="$((r + 1))" -v t="$(cat "$tmp/time")" 'BEGIN {split(t, a, " ")}
      {if ($0 ~ /^C1 /) c1++; else if ($0 ~ /^C2 /) c2++; else if ($0 ~ /^football-[0-9]+$/) tr++;
       else if ($0 ~ /^football-figure/) fig++; else if ($0 == "java") m++; else o++}
      END {printf "%d %d %.2f %.2f %.3f %.3f %.3f %.3f %.3f %.3f\n", r, v, a[1], a[2] + a[3],
        c1 / 997, c2 / 997, tr / 997, fig / 997, m / 997, o / 997}' >>"$tmp/all"
    read -r -a f < <(tail -1 "$tmp/all")
    echo "| ${f[0]} | ${variants[$v]:-(none)} | ${f[2]} | ${f[3]} | ${f[4]} | ${f[5]} | ${f[6]} | ${f[7]} | ${f[8]} | ${f[9]} |"
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); medians over $rounds rounds, then [median of the per-round ratios to the first variant]"
echo
echo "| variant | wall s | CPU s | C1 | C2 | training | pictures | main | other |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for ((v = 0; v < n; v++)); do
  python3 - "$tmp/all" "$v" "${variants[$v]:-(none)}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
v = int(sys.argv[2])
first = {r[0]: [float(x) for x in r[2:]] for r in rows if r[1] == '0'}
mine = [(r[0], [float(x) for x in r[2:]]) for r in rows if r[1] == str(v)]
cells = []
for c in range(8):
    med = statistics.median(m[c] for _, m in mine)
    ratios = [m[c] / first[k][c] for k, m in mine if k in first and first[k][c] > 0]
    cells.append('%.3f [%.2f]' % (med, statistics.median(ratios)) if ratios else '%.3f' % med)
print('| %s | %s |' % (sys.argv[3], ' | '.join(cells)))
PY
done

#!/usr/bin/env bash
# Benchmark (issue 13, jarlaunch): plain `java -jar augreg.jar CMD`, as ../shared/tools/
# equal-cores-bench.sh runs it, before and after the jar's entry (cli/Launch) relaunched the long
# commands in a tuned JVM, and against the ./augreg launcher. Alternating rounds; medians of wall
# and CPU (user + system of the whole process tree) seconds, and bench cnn's samples/s.
#
#   mvn -B -q -DskipTests package        # this script builds nothing
#   bench/jar_relaunch.sh [ROUNDS] [BASELINE_JAR]   # default 5, /work/baseline/augreg-main-50b6e88.jar
#
# Sides: before = java -jar BASELINE_JAR (plain JVM, no archive); after = java -jar
# target/augreg.jar (relaunched, with target/augreg.jsa, which ./augreg records and plain java -jar
# records too when it is missing); launcher = ./augreg. Then "first use": a copy of the jar in an
# empty folder, so that each of its runs records the archive (deleted before each round), against
# a run that uses it.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh
rounds="${1:-5}"
base="${2:-/work/baseline/augreg-main-50b6e88.jar}"
for f in target/augreg.jar "$base" data/football/data.mat; do
  [[ -f "$f" ]] || { echo "bench/jar_relaunch.sh: $f not found (mvn -B -q -DskipTests package)" >&2; exit 2; }
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null # the launcher records target/augreg.jsa after a build
data=data/football/data.mat
sides=(before after launcher)
side_command() { # side_command SIDE: sets the array c to the side's command (before its arguments)
  case "$1" in
    before) c=(java -jar "$base") ;;
    after) c=(java -jar target/augreg.jar) ;;
    launcher) c=(./augreg) ;;
    first) rm -f "$tmp/copy/augreg.jsa" && c=(java -jar "$tmp/copy/augreg.jar") ;;
    again) c=(java -jar "$tmp/copy/augreg.jar") ;;
  esac
}
mkdir -p "$tmp/copy" && cp target/augreg.jar "$tmp/copy/"
declare -A wall cpu rate
for ((r = 1; r <= rounds; r++)); do
  for side in "${sides[@]}"; do
    side_command "$side"; timed fb "${c[@]}" football --reference --data "$data" --json --out "$tmp/out-$side" || cat "$tmp/fb.err" >&2
    wall[fb-$side]+=" $fb_wall"; cpu[fb-$side]+=" $fb_cpu"
    timed v "${c[@]}" --version || cat "$tmp/v.err" >&2
    wall[v-$side]+=" $v_wall"; cpu[v-$side]+=" $v_cpu"
    timed c "${c[@]}" bench cnn --epochs 2 --threads 1 --augment 0 || cat "$tmp/c.err" >&2
    rate[$side]+=" $(grep -o 'samples_per_s=[0-9.]*' "$tmp/c.out" "$tmp/c.err" | head -1 | cut -d= -f2)"
  done
  for side in first again; do
    side_command "$side"; timed fb "${c[@]}" football --reference --data "$data" --json --out "$tmp/out-$side" || cat "$tmp/fb.err" >&2
    wall[fb-$side]+=" $fb_wall"; cpu[fb-$side]+=" $fb_cpu"
  done
done
echo "bench/jar_relaunch.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), $rounds alternating rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "before: java -jar $base; after: java -jar target/augreg.jar; launcher: ./augreg"
echo
echo "| command | before wall / CPU s | after wall / CPU s | ./augreg wall / CPU s | CPU before/after |"
echo "| --- | --- | --- | --- | --- |"
for w in fb v; do
  label=$([[ $w == fb ]] && echo 'football --reference --json' || echo '--version')
  line="| $label"
  for side in "${sides[@]}"; do
    line+=" | $(median ${wall[$w-$side]}) / $(median ${cpu[$w-$side]})"
  done
  echo "$line | $(ratio "$(median ${cpu[$w-before]})" "$(median ${cpu[$w-after]})")x |"
done
echo "| bench cnn --epochs 2 --threads 1 --augment 0, samples/s | $(median ${rate[before]}) | $(median ${rate[after]}) | $(median ${rate[launcher]}) | |"
echo
echo "First use (a copy of the jar in an empty folder; football --reference --json):"
echo "| run | wall s | CPU s |"
echo "| --- | --- | --- |"
echo "| records augreg.jsa at its exit | $(median ${wall[fb-first]}) | $(median ${cpu[fb-first]}) |"
echo "| maps the recorded archive | $(median ${wall[fb-again]}) | $(median ${cpu[fb-again]}) |"

#!/usr/bin/env bash
# Before/after of `football --reference --json` for two jars, whole process, in alternating rounds:
# the medians of the CPU time (user + system) and the wall time, and new/base ratios.
#
#   bench/football_ab.sh BASE.jar NEW.jar [ROUNDS=5] [EXTRA ARGS...]
#   e.g. bench/football_ab.sh /work/baseline/augreg-main-50b6e88.jar target/augreg.jar 7
#        bench/football_ab.sh BASE.jar NEW.jar 5 --no-pictures --no-report
#
# Each jar runs as ./augreg runs football: the launcher's JVM options (AUGREG_PRINT_JVM_OPTS=1) and
# a class-data sharing archive recorded here for that jar from one warm-up run, both pinned with
# `taskset -c ${CORES:-0,1}`; OpenBLAS kernels as bench/equal_cores.sh sets them. Every round must
# print the lesson's exact --reference table, else the script stops. The outputs (pictures, model
# files, report.html) go to a temporary folder per jar, which is kept (KEEP=1) or removed at exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh
if [[ $# -lt 2 ]]; then
  echo "usage: bench/football_ab.sh BASE.jar NEW.jar [ROUNDS=5] [EXTRA ARGS...]" >&2
  exit 2
fi
base="$1"; new="$2"; rounds="${3:-5}"; shift 2; [[ $# -gt 0 ]] && shift
extra=("$@")
cores="${CORES:-0,1}"
for j in "$base" "$new"; do
  [[ -f "$j" ]] || { echo "bench/football_ab.sh: $j not found" >&2; exit 2; }
done
data="data/football/data.mat"
[[ -f "$data" ]] || data="../shared/datasets/football/data.mat"
tmp="$(mktemp -d)"
[[ "${KEEP:-0}" == 1 ]] && echo "outputs in $tmp" || trap 'rm -rf "$tmp"' EXIT
mapfile -t jvm < <(AUGREG_PRINT_JVM_OPTS=1 ./augreg football)
jvm=(-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off "${jvm[@]}")
exact='0.9479/0.915 0.9384/0.930 0.9289/0.950'
table() {
  python3 -c 'import json,sys
print(" ".join("%.4f/%.3f" % (r["train_accuracy"], r["test_accuracy"]) for r in json.load(open(sys.argv[1]))["runs"]))' "$1"
}
echo "# $(date -u '+%F %T') UTC, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), taskset -c $cores"
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg); args: football --reference --json ${extra[*]}"
for side in base new; do
  java "${jvm[@]}" -XX:ArchiveClassesAtExit="$tmp/$side.jsa" -jar "${!side}" football --reference \
    --json --data "$data" --out "$tmp/warm-$side" >/dev/null 2>&1
done
cpu_base=(); cpu_new=(); wall_base=(); wall_new=()
for r in $(seq 1 "$rounds"); do
  for side in base new; do
    timed "$side" taskset -c "$cores" java "${jvm[@]}" -XX:SharedArchiveFile="$tmp/$side.jsa" \
      -jar "${!side}" football --reference --json --data "$data" --out "$tmp/out-$side" "${extra[@]}"
    got="$(table "$tmp/$side.out")"
    if [[ "$got" != "$exact" ]]; then
      echo "bench/football_ab.sh: $side printed $got, expected $exact" >&2
      exit 1
    fi
    c="${side}_cpu"; w="${side}_wall"
    eval "cpu_$side+=(\"${!c}\"); wall_$side+=(\"${!w}\")"
    echo "round $r $side cpu ${!c} s wall ${!w} s"
  done
done
mb="$(median "${cpu_base[@]}")"; mn="$(median "${cpu_new[@]}")"
wb="$(median "${wall_base[@]}")"; wn="$(median "${wall_new[@]}")"
echo "median base cpu $mb s wall $wb s"
echo "median new  cpu $mn s wall $wn s"
awk -v a="$mn" -v b="$mb" -v c="$wn" -v d="$wb" 'BEGIN {printf "new/base cpu %.3f wall %.3f\n", a / b, c / d}'

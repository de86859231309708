#!/usr/bin/env bash
# Benchmark: JVM flags on top of the launcher's own (issue 13), in alternating rounds of one script
# run: each round runs the command once per variant, in a rotating order, through ./augreg with the
# variant's flags in AUGREG_JAVA_OPTS (so with the launcher's options and class-data sharing
# archive), pinned to cores 0,1. Prints the medians of CPU (user + system), user, system and wall
# time of each variant and its CPU ratio to the first one.
#
#   mvn -B -q -DskipTests package         # builds target/augreg.jar (this script builds nothing)
#   bench/jvm_flags.sh ROUNDS 'VARIANT' ...  # e.g. bench/jvm_flags.sh 9 '' '-Xmn16m' '-Xmn8m'
#   CMD='train ...' bench/jvm_flags.sh ...   # another command (default: football --reference --json)
#
# The command's output folder (--out, for football) is a fresh temporary one per call.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh

rounds="${1:?usage: bench/jvm_flags.sh ROUNDS VARIANT...}"
shift
variants=("$@")
((${#variants[@]} > 0)) || { echo "bench/jvm_flags.sh: name at least one variant ('' = none)" >&2; exit 2; }
[[ -f target/augreg.jar ]] || { echo "bench/jvm_flags.sh: build target/augreg.jar first" >&2; exit 2; }
cmd="${CMD:-football --reference --json}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
launchers bench/jvm_flags.sh
declare -A cpu wall user sys
n=${#variants[@]}
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < n; k++)); do
    v=$(((k + r) % n))
    out=()
    [[ "$cmd" == football* ]] && out=(--out "$tmp/out$r.$v")
    # shellcheck disable=SC2086
    if ! AUGREG_JAVA_OPTS="${variants[$v]}" timed run taskset -c 0,1 ./augreg $cmd "${out[@]}"; then
      echo "bench/jvm_flags.sh: '${variants[$v]}': augreg $cmd failed" >&2
      cat "$tmp/run.err" >&2
      exit 1
    fi
    read -r _ u s _ <"$tmp/run.time"
    cpu[$v]+="$run_cpu " wall[$v]+="$run_wall " user[$v]+="$u " sys[$v]+="$s "
    rm -rf "$tmp/out$r.$v"
  done
  echo "round $((r + 1)) done" >&2
done

echo "# bench/jvm_flags.sh, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(java -version 2>&1 | head -1); augreg $cmd, taskset -c 0,1; $rounds alternating rounds, medians"
echo
echo "| extra flags | CPU s | user s | sys s | wall s | CPU / first |"
echo "| --- | --- | --- | --- | --- | --- |"
c0=""
for ((v = 0; v < n; v++)); do
  # shellcheck disable=SC2086
  c="$(median ${cpu[$v]})" w="$(median ${wall[$v]})" u="$(median ${user[$v]})" s="$(median ${sys[$v]})"
  [[ -z "$c0" ]] && c0="$c"
  printf '| %s | %.2f | %.2f | %.2f | %.2f | %s |\n' "${variants[$v]:-(none)}" "$c" "$u" "$s" "$w" "$(ratio "$c" "$c0")"
done

#!/usr/bin/env bash
# Benchmark: the start-up of the augreg command (issue 13), through the ./augreg launcher (so with
# its class-data sharing archive), in alternating rounds of the same script run.
#
#   mvn -B -q -DskipTests package            # builds target/augreg.jar (this script builds nothing)
#   bench/startup.sh [ROUNDS] [CALLS]         # default 3 rounds of 5 calls of each command
#
# Commands: augreg --version; augreg --help; augreg football --help; and
# augreg football --iterations 1 --no-pictures --no-report --out TMP (one iteration of each of the
# three runs: almost all of it is start-up); with STARTUP_COMMANDS=football-reference (see below)
# the whole `augreg football --reference --json --out TMP`. The medians over all calls of the CPU time
# (user + system) and the wall time are printed; CPU time is the figure to compare on a shared
# machine.
#
# Before/after in the same run: BEFORE=REV BEFORE_JAR=JAR bench/startup.sh also runs JAR (a jar
# built from REV, e.g. BEFORE=5982206 BEFORE_JAR=/work/baseline/augreg-main-5982206.jar) through
# REV's own ./augreg launcher, alternating with this checkout call by call, and prints the
# before/after ratios.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh

rounds="${1:-3}"
calls="${2:-5}"
if [[ ! -f target/augreg.jar ]]; then
  echo "bench/startup.sh: target/augreg.jar not found; build it first with: mvn -B -q -DskipTests package" >&2
  exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Both launchers record their class-data sharing archives; BEFORE: bench/equal_cores.sh.
launchers bench/startup.sh

names=(version help football-help football-1)
# STARTUP_COMMANDS="football-reference" (or any of the names above and below, space-separated)
# picks the commands; football-reference is the whole `football --reference --json` process.
read -ra names <<<"${STARTUP_COMMANDS:-${names[*]}}"
args() {
  case "$1" in
    version) echo "--version" ;;
    help) echo "--help" ;;
    football-help) echo "football --help" ;;
    football-1) echo "football --iterations 1 --no-pictures --no-report --out $tmp/out" ;;
    football-reference) echo "football --reference --json --out $tmp/out" ;;
    *) echo "bench/startup.sh: unknown command name '$1'" >&2; exit 2 ;;
  esac
}
for n in "${names[@]}"; do args "$n" >/dev/null; done # exits 2 on an unknown name
sides=(after)
[[ -n "$before" ]] && sides+=(before)
declare -A cpu wall
for ((r = 1; r <= rounds; r++)); do
  for n in "${names[@]}"; do
    for ((c = 1; c <= calls; c++)); do
      # (not $s: timed() sets w, u, s and m)
      for side in "${sides[@]}"; do
        launcher=./augreg
        [[ "$side" == before ]] && launcher="$before"
        # shellcheck disable=SC2046
        if ! timed run "$launcher" $(args "$n"); then
          echo "bench/startup.sh: $side: augreg $(args "$n") failed" >&2
          cat "$tmp/run.err" >&2
          exit 1
        fi
        cpu[$side.$n]+="$run_cpu " wall[$side.$n]+="$run_wall "
      done
    done
  done
  echo "round $r done" >&2
done

echo "# bench/startup.sh, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(java -version 2>&1 | head -1); $rounds rounds × $calls calls of each command, medians"
echo
if [[ -n "$before" ]]; then
  echo "| augreg ... | CPU s | wall s | $BEFORE CPU s | $BEFORE wall s | $BEFORE / this, CPU |"
  echo "| --- | --- | --- | --- | --- | --- |"
else
  echo "| augreg ... | CPU s | wall s |"
  echo "| --- | --- | --- |"
fi
for n in "${names[@]}"; do
  # shellcheck disable=SC2086
  ac="$(median ${cpu[after.$n]})" aw="$(median ${wall[after.$n]})"
  label="$(args "$n" | sed "s|$tmp/out|DIR|")"
  if [[ -n "$before" ]]; then
    # shellcheck disable=SC2086
    bc="$(median ${cpu[before.$n]})" bw="$(median ${wall[before.$n]})"
    printf '| %s | %.2f | %.2f | %.2f | %.2f | %s× |\n' "$label" "$ac" "$aw" "$bc" "$bw" "$(ratio "$bc" "$ac")"
  else
    printf '| %s | %.2f | %.2f |\n' "$label" "$ac" "$aw"
  fi
done

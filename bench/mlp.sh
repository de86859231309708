#!/usr/bin/env bash
# Benchmark: the course MLP (12288-20-7-5-1 on cat/non-cat 64x64, full-batch gradient descent,
# lr 0.0075, numpy initialization seed 1) against the numpy peer on OpenBLAS, at equal cores:
# both sides pinned with taskset to one core (-c 0) and to two cores (-c 0,1), with as many
# threads as cores, in alternating rounds of the same script run.
#
#   mvn -B -q -DskipTests package          # builds target/augreg.jar (this script builds nothing)
#   bench/mlp.sh [ROUNDS] [ITERATIONS] [PEERS]
#       ROUNDS      default 3
#       ITERATIONS  default 2500 (the course; the exact 0.9856/0.80 is checked only then)
#       PEERS       debian (default): /usr/bin/python3 ../shared/reference/peers/numpy_cats.py,
#                   Debian's numpy on the libblas.so.3 alternative (OpenBLAS pthread if
#                   libopenblas0-pthread is installed; the header prints which);
#                   numpy2: the same peer code on the default python3's numpy 2.x and its bundled
#                   OpenBLAS (bench/numpy_cats_arrays.py, the images packed once by the peer's
#                   own reader); both
#
# augreg: taskset -c C ./augreg train ... --threads N   (whole process; report.json's seconds is the
#         training loop); MLP_NET=arch runs the same network written as --arch dense steps.
#         Full-batch gradient descent trains the first layer in the examples' Gram space
#         (train.GramExecutor: 209x209 products per step instead of 209x12288).
# BASELINE_JAR=path also runs an older augreg jar the same way (java -jar, the launcher's JVM
#         flags, no class-data sharing archive) in the same rounds, e.g.
#         BASELINE_JAR=/work/baseline/augreg-main-ea396b7.jar bench/mlp.sh 3 2500
# peer:   OPENBLAS_NUM_THREADS=N taskset -c C PYTHON numpy_cats.py ...  (its seconds= is its loop)
# Prints per core count the medians of whole-process wall time, CPU time, peak RSS and training
# seconds of each side, and the ratios side / augreg of wall time, CPU time and training seconds
# (target: peer / augreg >= 1.5x at 1 and at 2 cores).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/equal_cores.sh

rounds="${1:-3}"
iterations="${2:-2500}"
peers="${3:-debian}"
jar="target/augreg.jar"
data="data/catvnoncat"
[[ -d "$data" ]] || data="../shared/datasets/catvnoncat"
peer="../shared/reference/peers/numpy_cats.py"
debian_py=/usr/bin/python3
numpy2_py="${PYTHON:-python3}"
case "$peers" in
  debian) sides=(debian) ;;
  numpy2) sides=(numpy2) ;;
  both) sides=(debian numpy2) ;;
  *) echo "bench/mlp.sh: PEERS must be debian, numpy2 or both, got '$peers'" >&2; exit 2 ;;
esac
if [[ ! -f "$jar" ]]; then
  echo "bench/mlp.sh: $jar not found; build it first with: mvn -B -q -DskipTests package" >&2
  exit 2
fi
[[ -f "$peer" && -d "$data/train" ]] || { echo "bench/mlp.sh: needs ../shared beside this checkout" >&2; exit 2; }

net=(--layers 20,7,5)
[[ ${MLP_NET:-} == arch ]] && net=(--arch "dense units=20 | dense units=7 | dense units=5")
./augreg --version >/dev/null # records the class-data sharing archive once per build
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pinning="both sides under taskset -c 0 (1 core, 1 thread) and -c 0,1 (2 cores, 2 threads)"
for side in "${sides[@]}"; do
  if [[ $side == numpy2 ]]; then
    "$debian_py" bench/numpy_cats_arrays.py pack "$data" "$tmp/cats.npz" ||
      { echo "bench/mlp.sh: packing the images for numpy2 failed" >&2; exit 2; }
    header bench/mlp.sh "$numpy2_py" 0,1 "$pinning"
  else
    header bench/mlp.sh "$debian_py" 0,1 "$pinning" "${old_blas[@]}"
  fi
done
echo "- network: ${net[*]}; iterations: $iterations; rounds: $rounds"
baseline="${BASELINE_JAR:-}"
if [[ -n $baseline ]]; then
  [[ -f $baseline ]] || { echo "bench/mlp.sh: BASELINE_JAR $baseline not found" >&2; exit 2; }
  mapfile -t jvm < <(AUGREG_PRINT_JVM_OPTS=1 ./augreg train)   # the launcher's own options
  echo "- baseline: $baseline (java -jar, no class-data sharing archive)"
fi
echo

json() { "$debian_py" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
field() { sed -nE "s/.*$1=([0-9.]+).*/\1/p" "$2"; }
declare -A W C R S
# run_augreg NAME N CMD...: the course run of an augreg command on N threads, its accuracy checked,
# its times added under NAME@N; sets acc
run_augreg() {
  local name="$1" n="$2"
  shift 2
  timed augreg "$@" train --train "$data/train" --test "$data/test" \
    --size 64x64 "${net[@]}" --optimizer gd --batch full --lr 0.0075 --epochs "$iterations" \
    --augment none --init numpy --seed 1 --positive-class cat \
    --threads "$n" --out "$tmp/mlp" --overwrite --no-report
  if [[ ! -f "$tmp/mlp/report.json" ]]; then
    echo "bench/mlp.sh: $name failed:" >&2; cat "$tmp/augreg.err" >&2; exit 1
  fi
  acc="$(printf '%.4f/%.2f' "$(json "$tmp/mlp/report.json" train_accuracy)" "$(json "$tmp/mlp/report.json" test_accuracy)")"
  if [[ $iterations == 2500 && $acc != 0.9856/0.80 ]]; then
    echo "bench/mlp.sh: $name's accuracy is $acc, not the course's 0.9856/0.80" >&2; exit 1
  fi
  local k="$name@$n"
  W[$k]+=" $augreg_wall" C[$k]+=" $augreg_cpu" R[$k]+=" $augreg_rss"
  S[$k]+=" $(json "$tmp/mlp/report.json" seconds)"
  rm -f "$tmp/mlp/report.json"
}
for ((r = 1; r <= rounds; r++)); do
  for cores in 0 0,1; do
    n=$(cores_count "$cores")
    run_augreg augreg "$n" taskset -c "$cores" ./augreg
    line="round $r, $n core(s): augreg $acc ${augreg_wall}s wall ${augreg_cpu}s CPU"
    if [[ -n $baseline ]]; then
      run_augreg baseline "$n" taskset -c "$cores" java "${jvm[@]}" -jar "$baseline"
      line+="; baseline $acc ${augreg_wall}s wall ${augreg_cpu}s CPU"
    fi
    for side in "${sides[@]}"; do
      if [[ $side == numpy2 ]]; then
        timed peer env OPENBLAS_NUM_THREADS="$n" taskset -c "$cores" "$numpy2_py" \
          bench/numpy_cats_arrays.py run "$tmp/cats.npz" "$iterations" 20,7,5
      else
        timed peer "${old_blas[@]}" OPENBLAS_NUM_THREADS="$n" taskset -c "$cores" "$debian_py" "$peer" "$data" \
          "$iterations" 20,7,5
      fi
      k="$side@$n"
      W[$k]+=" $peer_wall" C[$k]+=" $peer_cpu" R[$k]+=" $peer_rss" S[$k]+=" $(field seconds "$tmp/peer.out")"
      line+="; $side $(field train_acc "$tmp/peer.out")/$(field test_acc "$tmp/peer.out") ${peer_wall}s wall ${peer_cpu}s CPU"
    done
    echo "$line"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| cores | side | wall s | CPU s | training s | peak RSS MB | side / augreg, wall | CPU | training |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 1 2; do
  # shellcheck disable=SC2086
  aw=$(median ${W[augreg@$n]}) ac=$(median ${C[augreg@$n]}) as=$(median ${S[augreg@$n]})
  rows=(augreg "${sides[@]}")
  [[ -n $baseline ]] && rows=(augreg baseline "${sides[@]}")
  for side in "${rows[@]}"; do
    k="$side@$n"
    # shellcheck disable=SC2086
    w=$(median ${W[$k]}) c=$(median ${C[$k]}) s=$(median ${S[$k]})
    # shellcheck disable=SC2086
    printf '| %d | %s | %.1f | %.1f | %.1f | %s | %s× | %s× | %s× |\n' "$n" "$side" "$w" "$c" \
      "$s" "$(median ${R[$k]})" "$(ratio "$w" "$aw")" "$(ratio "$c" "$ac")" "$(ratio "$s" "$as")"
  done
done
echo
echo "target: peer / augreg >= 1.5x at 1 and at 2 cores, exact 0.9856/0.80 at 2500 iterations"

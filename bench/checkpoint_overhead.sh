#!/usr/bin/env bash
# Checkpoint overhead of `augreg train` (issue 18) for the REFERENCE CNN (the `bench cnn` recipe:
# `./augreg bench cnn --print-recipe`) on cat/non-cat, a checkpoint every epoch, as a % of the
# epoch time.
# Usage: bench/checkpoint_overhead.sh [EPOCHS] [ROUNDS] [THREADS...]
#   (defaults: 20 epochs, 3 rounds, 2 threads; e.g. `bench/checkpoint_overhead.sh 20 3 1 2`)
#   CKPT_JARS="a.jar b.jar" compares jars in the same rounds (default: this checkout's build).
# Each round trains EPOCHS epochs with --checkpoint-every 1 and with 0 (none), for each jar and
# thread count, the order of the two flipping every round, with --precision float. Per run:
#   epoch_s  the mean epoch time (report.json `seconds`, the training passes, / EPOCHS);
#   fg_s     the time the training thread spent on checkpoints (copying the state, waiting for
#            the previous write): `train` prints "checkpoints: N written, S s of the training time";
#   bg_s     the CPU time the background thread spent preparing, encoding and writing them (older
#            jars print its wall time);
#   cpu_s    the process CPU time (user + system).
# Per round and thread count: `direct` = (fg_s + bg_s) / training time of the run with checkpoints
# (the checkpoints' own cost as a share of the epoch time, counting all background CPU as if it
# had stopped training: an upper bound on 2 busy cores), `paired` = epoch_s with / without - 1
# (the end-to-end difference; on a shared machine its noise is several %), `cpu` = cpu_s with /
# without - 1. The summary gives the medians over the rounds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# augreg's OpenBLAS is current: run it on the kernels it detects (see bench/equal_cores.sh)
[[ "${BENCH_KEEP_BLAS_ENV:-0}" == 1 ]] || unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
epochs="${1:-20}"
rounds="${2:-3}"
shift $(( $# < 2 ? $# : 2 ))
threads_list=("$@")
[[ ${#threads_list[@]} -gt 0 ]] || threads_list=(2)
data="data/catvnoncat"
[[ -d "$data/train" ]] || data="../shared/datasets/catvnoncat"
[[ -d "$data/train" ]] || { echo "bench/checkpoint_overhead.sh: needs $data/train" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
jars=()
if [[ -n "${CKPT_JARS:-}" ]]; then
  for j in $CKPT_JARS; do jars+=("$j"); done
else
  ./augreg --version >/dev/null   # builds target/augreg.jar if needed, before any timing
  cp target/augreg.jar "$tmp/augreg.jar"
  jars=("$tmp/augreg.jar")
fi
recipe="$(java -jar "${jars[0]}" bench cnn --print-recipe)"
arch="$(sed -n 's/^arch: //p' <<<"$recipe")"
aug="$(sed -n 's/^augment: //p' <<<"$recipe")"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "recipe: --arch '$arch' --augment '$aug' --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 --precision float, $epochs epochs"
for j in "${jars[@]}"; do echo "jar: $j ($(java -jar "$j" --version 2>/dev/null | head -1))"; done
printf '%-4s %-3s %-7s %-5s %9s %7s %7s %8s %8s\n' jar thr round every epoch_s fg_s bg_s direct cpu_s
run() { # jar-index threads round every
  local j="$1" th="$2" r="$3" every="$4" out="$tmp/run"
  rm -rf "$out"
  /usr/bin/time -f '%U %S' -o "$tmp/time" java ${AUGREG_JAVA_OPTS:-} -XX:+UseSerialGC \
    -jar "${jars[$j]}" train --train "$data/train" --size 64x64 --arch "$arch" \
    --augment "$aug" --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 \
    --precision float --threads "$th" --epochs "$epochs" --checkpoint-every "$every" \
    --no-report --no-progress --out "$out" > "$tmp/console"
  local cpu train_s fg bg ep direct
  cpu="$(awk '{print $1 + $2}' "$tmp/time")"
  train_s="$(sed -n 's/.*"seconds" : \([0-9.]*\).*/\1/p' "$out/report.json")"
  fg="$(sed -n 's/^checkpoints: [0-9]* written, \([0-9.]*\) s.*/\1/p' "$tmp/console")"
  bg="$(sed -n 's/^checkpoints: .*, \([0-9.]*\) s \(CPU \)\{0,1\}writing in the background/\1/p' "$tmp/console")"
  fg="${fg:-0}"; bg="${bg:-0}"
  ep="$(awk -v t="$train_s" -v e="$epochs" 'BEGIN { printf "%.4f", t / e }')"
  direct="$(awk -v f="$fg" -v b="$bg" -v t="$train_s" 'BEGIN { printf "%.2f%%", 100 * (f + b) / t }')"
  [[ "$every" == 0 ]] && direct="-"
  printf '%-4s %-3s %-7s %-5s %9s %7s %7s %8s %8s\n' "$j" "$th" "$r" "$every" "$ep" "$fg" "$bg" "$direct" "$cpu"
  echo "$j $th $r $every $train_s $fg $bg $cpu" >> "$tmp/all"
}
for r in $(seq 1 "$rounds"); do
  for th in "${threads_list[@]}"; do
    for j in "${!jars[@]}"; do
      if (( r % 2 )); then run "$j" "$th" "$r" 1; run "$j" "$th" "$r" 0
      else run "$j" "$th" "$r" 0; run "$j" "$th" "$r" 1; fi
    done
  done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v epochs="$epochs" '
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { k = $1 " " $2; keys[k] = 1; if ($4 == 1) { w[k, $3] = $5; f[k, $3] = $6; b[k, $3] = $7; cw[k, $3] = $8 } else { o[k, $3] = $5; co[k, $3] = $8 }; if ($3 > nr) nr = $3 }
  END {
    print "medians over " nr " rounds (jar threads: epoch s with / without, direct overhead, paired wall difference, CPU difference):"
    for (k in keys) {
      n = 0
      for (r = 1; r <= nr; r++) if ((k, r) in w && (k, r) in o) {
        n++; ew[n] = w[k, r] / epochs; eo[n] = o[k, r] / epochs
        d[n] = 100 * (f[k, r] + b[k, r]) / w[k, r]; p[n] = 100 * (w[k, r] / o[k, r] - 1); c[n] = 100 * (cw[k, r] / co[k, r] - 1)
      }
      printf "jar %s threads %s: epoch %.3f / %.3f s; direct %.2f%%; paired %+.2f%%; CPU %+.2f%%\n", substr(k, 1, index(k, " ") - 1), substr(k, index(k, " ") + 1),
        median(ew, n), median(eo, n), median(d, n), median(p, n), median(c, n)
    }
  }' "$tmp/all"

#!/usr/bin/env bash
# Checkpoint overhead of `augreg train` (issue 18) for the REFERENCE CNN (the `bench cnn` recipe:
# `./augreg bench cnn --print-recipe`) on cat/non-cat, a checkpoint every epoch.
# Usage: bench/checkpoint_overhead.sh [EPOCHS] [ROUNDS] [THREADS]   (defaults: 10 epochs, 3 rounds, 2)
#   Each round trains EPOCHS epochs twice, alternating --checkpoint-every 1 and 0 (none), with
#   --precision float and THREADS compute threads. Printed per run: the time the training thread
#   spent on checkpoints (copying the state, waiting for the previous write; `train` prints it as
#   "checkpoints: N written, S s of the training time"), the time a background thread spent
#   encoding and writing them, the training time (report.json `seconds`), the overhead (training
#   thread's checkpoint time / training time), the checkpoint size and the process CPU time
#   (user+sys). Medians over the rounds; the CPU difference between the two modes is a
#   cross-check (noise-level on a shared machine).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
epochs="${1:-10}"
rounds="${2:-3}"
threads="${3:-2}"
data="data/catvnoncat"
[[ -d "$data/train" ]] || data="../shared/datasets/catvnoncat"
[[ -d "$data/train" ]] || { echo "bench/checkpoint_overhead.sh: needs $data/train" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null   # builds target/augreg.jar if needed, before any timing
cp target/augreg.jar "$tmp/augreg.jar"
recipe="$(java -jar "$tmp/augreg.jar" bench cnn --print-recipe)"
arch="$(sed -n 's/^arch: //p' <<<"$recipe")"
aug="$(sed -n 's/^augment: //p' <<<"$recipe")"
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "recipe: --arch '$arch' --augment '$aug' --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 --precision float --threads $threads, $epochs epochs"
printf '%-5s %-6s %8s %8s %10s %9s %9s %8s\n' round every ckpt_s bg_s train_s overhead ckpt_MB cpu_s
for r in $(seq 1 "$rounds"); do
  for every in 1 0; do
    out="$tmp/run.$r.$every"
    # a checkpoint file survives the run only if it is kept: stop after training to weigh it
    /usr/bin/time -f '%U %S' -o "$tmp/time" java ${AUGREG_JAVA_OPTS:-} -XX:+UseSerialGC \
      -jar "$tmp/augreg.jar" train --train "$data/train" --size 64x64 --arch "$arch" \
      --augment "$aug" --optimizer adam --lr 0.001 --batch 32 --weight-decay 5e-4 \
      --precision float --threads "$threads" --epochs "$epochs" --checkpoint-every "$every" \
      --no-report --no-progress --out "$out" > "$tmp/console"
    cpu="$(awk '{print $1 + $2}' "$tmp/time")"
    train_s="$(sed -n 's/.*"seconds" : \([0-9.]*\).*/\1/p' "$out/report.json")"
    ck_s="$(sed -n 's/^checkpoints: [0-9]* written, \([0-9.]*\) s.*/\1/p' "$tmp/console")"
    ck_s="${ck_s:-0}"
    bg_s="$(sed -n 's/^checkpoints: .*, \([0-9.]*\) s writing in the background/\1/p' "$tmp/console")"
    bg_s="${bg_s:-0}"
    params="$(sed -n 's/^network: .*(\([0-9]*\) parameters)/\1/p' "$tmp/console")"
    # weights + Adam's two moments, in doubles
    mb="$(awk -v p="$params" 'BEGIN { printf "%.1f", 3 * p * 8 / 1e6 }')"
    pct="$(awk -v c="$ck_s" -v t="$train_s" 'BEGIN { printf "%.2f%%", 100 * c / t }')"
    printf '%-5s %-6s %8s %8s %10s %9s %9s %8s\n' "$r" "$every" "$ck_s" "$bg_s" "$train_s" "$pct" "$mb" "$cpu"
    echo "$every $ck_s $train_s $cpu" >> "$tmp/all"
  done
done
awk '
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  $1 == 1 { n1++; ov[n1] = 100 * $2 / $3; c1[n1] = $4; t1[n1] = $3 }
  $1 == 0 { n0++; c0[n0] = $4; t0[n0] = $3 }
  END {
    printf "median checkpoint overhead: %.2f%% of the training time (%d rounds)\n", median(ov, n1), n1
    printf "median training time: %.2f s with, %.2f s without checkpoints; median process CPU: %.2f s with, %.2f s without\n",
      median(t1, n1), median(t0, n0), median(c1, n1), median(c0, n0)
  }' "$tmp/all"

#!/usr/bin/env bash
# The small CNN of issue 5 on cat/non-cat: augreg against the PyTorch peer
# (../shared/reference/peers/torch_cats_cnn.py: same architecture, Adam 1e-3, weight decay 5e-4,
# batch 32, same augmentation), in the same run.
# Usage: bench/cnn.sh [SEEDS] [EPOCHS] [SPEED_EPOCHS]   (defaults: 5 seeds, 40 epochs, SPEED_EPOCHS = EPOCHS;
#   SEEDS=0: speed only; SPEED_EPOCHS=0: accuracy only; environment SEED0=K starts the seeds at K
#   instead of 0, PEER=0 skips the PyTorch accuracy runs)
#   Accuracy: for each seed 0..SEEDS-1, with and without augmentation, both tools train EPOCHS
#   epochs on 2 threads; prints mean (min-max) test and train accuracy.
#   Speed: both tools train SPEED_EPOCHS epochs with and without augmentation on 1 and 2 threads;
#   samples/s of the training loop (augreg: optimization steps incl. waiting for augmented
#   batches; PyTorch: its loop incl. the DataLoader), and the augreg/PyTorch ratio. A short
#   SPEED_EPOCHS mostly measures start-up (augreg's first steps run before the JIT has compiled
#   them); SPEED_EPOCHS=EPOCHS measures a whole training. The accuracy runs' own samples/s
#   (2 threads, EPOCHS epochs) are summarized too. Also printed: every seed's test accuracies, and
#   issue 5's accuracy targets judged per block of 5 consecutive seeds and over all, for both tools.
# augreg runs with float32 products (bench cnn --precision float; within 1e-4 of double in tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seeds="${1:-5}"
epochs="${2:-40}"
speed_epochs="${3:-$epochs}"
data="../shared/datasets/catvnoncat"
peer="../shared/reference/peers/torch_cats_cnn.py"
[[ -d "$data" && -f "$peer" ]] || { echo "bench/cnn.sh: needs $data and $peer" >&2; exit 2; }
if ! /usr/bin/python3 -c "import torch, torchvision" 2>/dev/null; then
  echo "bench/cnn.sh: installing python3-torchvision (the peer needs it) ..." >&2
  sudo_cmd=""; [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q python3-torchvision >&2
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null   # builds target/augreg.jar if needed, before any timing
cp target/augreg.jar "$tmp/augreg.jar"   # later rebuilds do not disturb a running benchmark
augreg() { java ${AUGREG_JAVA_OPTS:-} -jar "$tmp/augreg.jar" "$@"; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
peer_runs="${PEER:-1}"
for t in $( (( speed_epochs > 0 )) && echo 1 2); do
  for a in 0 1; do
    echo "bench/cnn.sh: speed, $t thread(s), augment $a ..." >&2
    /usr/bin/python3 "$peer" "$data" "$speed_epochs" "$t" "$a" 0 > "$tmp/speed.torch.$a.$t"
    augreg bench cnn --data "$data" --epochs "$speed_epochs" --threads "$t" --aug-threads 1 --augment "$a" > "$tmp/speed.augreg.$a.$t"
    cat "$tmp/speed.torch.$a.$t" "$tmp/speed.augreg.$a.$t" >&2
  done
done

first="${SEED0:-0}"
for s in $(seq "$first" $((first + seeds - 1))); do
  for a in 0 1; do
    echo "bench/cnn.sh: seed $s augment $a: $( [[ $peer_runs != 0 ]] && echo "PyTorch, ")augreg ($epochs epochs, 2 threads) ..." >&2
    if [[ $peer_runs != 0 ]]; then
      /usr/bin/python3 "$peer" "$data" "$epochs" 2 "$a" "$s" > "$tmp/torch.$a.$s"
      cat "$tmp/torch.$a.$s" >&2
    fi
    augreg bench cnn --data "$data" --epochs "$epochs" --threads 2 --augment "$a" --seed "$s" > "$tmp/augreg.$a.$s"
    cat "$tmp/augreg.$a.$s" >&2
  done
done
stats() { # mean ± standard error of the mean (min-max) of the numbers on stdin
  # SE = sd/√n with the sample sd (n−1): how far the mean of these seeds may sit from the tool's
  # long-run mean (with 50 test images one seed moves by 0.02 per image)
  awk '{x[NR]=$1; s+=$1; if(NR==1||$1<lo)lo=$1; if(NR==1||$1>hi)hi=$1}
       END {m=s/NR; v=0; for(i=1;i<=NR;i++) v+=(x[i]-m)^2; se=NR>1?sqrt(v/(NR-1)/NR):0;
            printf "%.3f ± %.3f (%.2f-%.2f)", m, se, lo, hi}'
}
echo "CNN on cat/non-cat, $seeds seed(s) from ${SEED0:-0} x $epochs epochs, speed over $speed_epochs epochs; load before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
if (( seeds > 0 )); then
echo
echo "| tool | augmentation | mean test acc ± SE (min-max) | mean train acc ± SE (min-max) |"
echo "| --- | --- | --- | --- |"
for tool in $( [[ $peer_runs != 0 ]] && echo torch) augreg; do
  for a in 0 1; do
    te="$(cat "$tmp"/$tool.$a.* | field test_acc | stats)"
    tr="$(cat "$tmp"/$tool.$a.* | field train_acc | stats)"
    name=$([[ $tool == torch ]] && echo PyTorch || echo augreg)
    echo "| $name | $([[ $a == 1 ]] && echo yes || echo no) | $te | $tr |"
  done
done
gain="$(awk -v a="$(cat "$tmp"/augreg.1.* | field test_acc | awk '{s+=$1} END {print s/NR}')" \
  -v b="$(cat "$tmp"/augreg.0.* | field test_acc | awk '{s+=$1} END {print s/NR}')" 'BEGIN {printf "%+.3f", a-b}')"
echo
echo "augreg: augmentation changes the mean test accuracy by $gain"
if [[ $peer_runs != 0 ]]; then
  # difference of the two tools' means with its standard error √(SE1² + SE2²) (Welch): a
  # difference within about two standard errors is what different random streams alone give
  for a in 0 1; do
    diff="$(paste <(cat "$tmp"/augreg.$a.* | field test_acc) <(cat "$tmp"/torch.$a.* | field test_acc) | awk '
      {x[NR]=$1; y[NR]=$2; sx+=$1; sy+=$2}
      END {mx=sx/NR; my=sy/NR; for(i=1;i<=NR;i++){vx+=(x[i]-mx)^2; vy+=(y[i]-my)^2}
           se=NR>1?sqrt(vx/(NR-1)/NR + vy/(NR-1)/NR):0; printf "%+.3f ± %.3f", mx-my, se}')"
    echo "augreg − PyTorch, mean test accuracy $([[ $a == 1 ]] && echo with || echo without) augmentation: $diff"
  done
fi
# every seed's test accuracies, so that any block of seeds can be judged again
tools="$( [[ $peer_runs != 0 ]] && echo torch) augreg"
for s in $(seq "$first" $((first + seeds - 1))); do
  echo "$s $(for tool in $tools; do for a in 0 1; do field test_acc < "$tmp/$tool.$a.$s"; done; done | tr '\n' ' ')"
done > "$tmp/per-seed"
echo
echo "Test accuracy per seed:"
echo
echo "| seed |$(for tool in $tools; do n=$([[ $tool == torch ]] && echo PyTorch || echo augreg); echo -n " $n, no augmentation | $n, augmentation |"; done)"
echo "| --- |$(for tool in $tools; do echo -n " --- | --- |"; done)"
awk '{printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; print ""}' "$tmp/per-seed"
# issue 5's targets for each block of 5 consecutive seeds and over all seeds: mean test accuracy
# with augmentation ≥ 0.84 and ≥ 0.03 above the same tool's mean without. The gain is paired by
# seed: mean of g_s = with_s − without_s, SE = sd(g)/√k. The peer is judged by the same rule.
targets() { # $1 tool name; stdin: seed without with
  awk -v name="$1" '{s[NR] = $1; n[NR] = $2; y[NR] = $3}
    function judge(from, to,   i, k, mn, my, g, v, se) {
      k = to - from + 1
      for (i = from; i <= to; i++) { mn += n[i]; my += y[i] }
      mn /= k; my /= k; g = my - mn
      for (i = from; i <= to; i++) v += (y[i] - n[i] - g) ^ 2
      se = k > 1 ? sqrt(v / (k - 1) / k) : 0
      printf "| %s | %d-%d | %.3f | %.3f | %+.3f ± %.3f | %s |\n", name, s[from], s[to], mn, my, g, se,
        (my >= 0.84 - 1e-9 && g >= 0.03 - 1e-9) ? "yes" : "no"
    }
    END { for (b = 1; b + 4 <= NR; b += 5) judge(b, b + 4); if (NR > 5) judge(1, NR) }'
}
if (( seeds >= 5 )); then
  echo
  echo "Issue 5's accuracy targets per block of 5 seeds (mean test accuracy with augmentation ≥ 0.84 and"
  echo "≥ 0.03 above without):"
  echo
  echo "| tool | seeds | mean test acc, no augmentation | with augmentation | gain (paired) ± SE | meets both |"
  echo "| --- | --- | --- | --- | --- | --- |"
  col=2
  for tool in $tools; do
    awk -v c="$col" '{print $1, $c, $(c + 1)}' "$tmp/per-seed" | targets "$([[ $tool == torch ]] && echo PyTorch || echo augreg)"
    col=$((col + 2))
  done
fi
if (( seeds >= 2 )) && [[ $peer_runs != 0 ]]; then
  # do the tools gain the same from augmentation? per seed d_s = (augreg with − without) −
  # (PyTorch with − without); mean of d ± sd(d)/√k; within about two SE is seed noise
  echo
  awk '{d[NR] = ($5 - $4) - ($3 - $2); s += d[NR]}
    END {m = s / NR; for (i = 1; i <= NR; i++) v += (d[i] - m) ^ 2
         se = sqrt(v / (NR - 1) / NR); z = (se > 0) ? m / se : 0
         printf "Gain from augmentation, augreg − PyTorch (paired by seed, %d seeds): %+.3f ± %.3f (%.1f SE)\n",
           NR, m, se, z}' "$tmp/per-seed"
fi
fi
if (( seeds > 0 )) && [[ $peer_runs != 0 ]]; then
  # the accuracy runs are full trainings (EPOCHS epochs, 2 threads): their throughput is the
  # steady state a user gets, with the JIT's and the interpreter's warm-up spread over every epoch
  median() { sort -g | awk '{x[NR]=$1} END {print (NR%2 ? x[(NR+1)/2] : (x[NR/2]+x[NR/2+1])/2)}'; }
  echo
  echo "Throughput of the $epochs-epoch accuracy runs above (2 threads; median over the seeds):"
  echo
  echo "| augmentation | PyTorch samples/s | augreg samples/s | augreg / PyTorch |"
  echo "| --- | --- | --- | --- |"
  for a in 0 1; do
    p="$(cat "$tmp"/torch.$a.* | field samples_per_s | median)"
    g="$(cat "$tmp"/augreg.$a.* | field samples_per_s | median)"
    echo "| $([[ $a == 1 ]] && echo yes || echo no) | $p | $g | $(awk -v g="$g" -v p="$p" 'BEGIN {printf "%.2f", g/p}') |"
  done
fi
(( speed_epochs > 0 )) || exit 0
echo
echo "Throughput over $speed_epochs epoch(s), one run per cell:"
echo
echo "| threads | augmentation | PyTorch samples/s | augreg samples/s | augreg / PyTorch |"
echo "| --- | --- | --- | --- | --- |"
for t in 1 2; do
  for a in 0 1; do
    p="$(field samples_per_s < "$tmp/speed.torch.$a.$t")"
    g="$(field samples_per_s < "$tmp/speed.augreg.$a.$t")"
    echo "| $t | $([[ $a == 1 ]] && echo yes || echo no) | $p | $g | $(awk -v g="$g" -v p="$p" 'BEGIN {printf "%.2f", g/p}') |"
  done
done

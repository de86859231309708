#!/usr/bin/env bash
# Benchmarks of issue 4 on ../shared/datasets/catvnoncat, each against its peer in the same run.
#
#   mvn -B -q -DskipTests package       # builds target/augreg.jar (this script builds nothing)
#   bench/cats.sh [a|b|c|cpu|all] [SEEDS] [THREADS]   (cpu is not part of all)
#
# (a) exactness and speed: 12288-20-7-5-1, full-batch GD, lr 0.0075, 2 500 iterations, numpy
#     initialization seed 1, cat positive -> must print train 0.9856 test 0.80; time of the
#     training loop against peers/numpy_cats.py (its printed seconds are its training loop too).
# (b) SEEDS seeds (default 5): Adam 1e-3, batch 32, lesson init, 80/20 train/dev split of
#     train/, test = test/; rows: plain (150 epochs); L2 0.05 + dropout 0.86 on layer 1 + early
#     stopping (dev loss, patience 30); the same + online augmentation (flip, rotate, crop).
#     Prints mean ± sd of train and test accuracy and of the train-test gap.
# (c) throughput (samples/s) with and without augmentation against peers/torch_cats.py:
#     same network, batch 32, Adam 1e-3, L2 = torch weight decay 1e-4 (augreg's λ/m·W with m = 32:
#     λ = 0.0032), dropout 0.14 (keep 0.86), THREADS threads (default 1) on both sides.
# (cpu) CPU time per sample of the (c) training with and without augmentation: /usr/bin/time
#     user+sys of a 65-epoch minus a 5-epoch run (start-up cancels), SEEDS repetitions (default 5,
#     use 2-3): unlike samples/s it barely moves when other processes load the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

what="${1:-all}"
seeds="${2:-5}"
threads="${3:-1}"
jar="target/augreg.jar"
data="data/catvnoncat"
[[ -d "$data" ]] || data="../shared/datasets/catvnoncat"
peers="../shared/reference/peers"
py="/usr/bin/python3"
augreg=(java ${AUGREG_JAVA_OPTS:-} -jar "$jar")
[[ -n "${AUGREG_CP:-}" ]] && augreg=(java -cp "$AUGREG_CP" io.augreg.cli.Main)
if [[ -z "${AUGREG_CP:-}" && ! -f "$jar" ]]; then
  echo "bench/cats.sh: $jar not found; build it first with: mvn -B -q -DskipTests package" >&2
  exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
json() { "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print(d[sys.argv[2]])" "$1" "$2"; }
echo "# bench/cats.sh $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "$what" == a || "$what" == all ]]; then
  echo
  echo "## (a) course MLP, full-batch GD, 2500 iterations"
  "${augreg[@]}" train --train "$data/train" --test "$data/test" --layers 20,7,5 --epochs 2500 \
    --batch full --optimizer gd --lr 0.0075 --init numpy --seed 1 --positive-class cat \
    --eval-every 2500 --threads 2 --out "$tmp/a" > "$tmp/a.txt"
  jt=$(json "$tmp/a/report.json" train_accuracy); je=$(json "$tmp/a/report.json" test_accuracy)
  js=$(json "$tmp/a/report.json" seconds)
  np=$("$py" "$peers/numpy_cats.py" "$data" 2500 20,7,5)
  ns=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<< "$np")
  nt=$(sed -E 's/.*train_acc=([0-9.]+).*/\1/' <<< "$np"); ne=$(sed -E 's/.*test_acc=([0-9.]+).*/\1/' <<< "$np")
  echo "| side | train acc | test acc | training seconds | speed vs numpy |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf "| augreg (OpenBLAS 1 thread, double) | %.4f | %.2f | %.1f | %.2f× |\n" "$jt" "$je" "$js" \
    "$("$py" -c "print($ns/$js)")"
  printf "| numpy_cats.py | %.4f | %.2f | %.1f | 1.00× |\n" "$nt" "$ne" "$ns"
fi

if [[ "$what" == b || "$what" == all ]]; then
  echo
  echo "## (b) $seeds seeds: regularization and augmentation (Adam 1e-3, batch 32, <= 150 epochs)"
  aug='hflip p=0.5 | rotate deg=-10..10 border=reflect | crop scale=0.8..1'
  common=(--train "$data/train" --test "$data/test" --split 80/20 --layers 20,7,5 --batch 32
          --optimizer adam --lr 0.001 --init lesson --positive-class cat --threads 2 --epochs 150)
  reg=(--l2 0.05 --keep-prob 0.86,1,1 --patience 30)
  for row in plain reg reg+aug; do
    for s in $(seq 1 "$seeds"); do
      case $row in
        plain) extra=() ;;
        reg) extra=("${reg[@]}") ;;
        reg+aug) extra=("${reg[@]}" --augment "$aug") ;;
      esac
      "${augreg[@]}" train "${common[@]}" "${extra[@]}" --seed "$s" --out "$tmp/b-$row-$s" > /dev/null
    done
  done
  "$py" - "$tmp" "$seeds" <<'PY'
import json, sys, statistics as st
tmp, n = sys.argv[1], int(sys.argv[2])
print("| run | train acc | test acc | train - test gap | stop epoch (mean) |")
print("| --- | ---: | ---: | ---: | ---: |")
for row in ("plain", "reg", "reg+aug"):
    r = [json.load(open(f"{tmp}/b-{row}-{s}/report.json")) for s in range(1, n + 1)]
    tr = [x["train_accuracy"] for x in r]; te = [x["test_accuracy"] for x in r]
    gap = [a - b for a, b in zip(tr, te)]
    f = lambda v: "%.3f ± %.3f" % (st.mean(v), st.stdev(v) if len(v) > 1 else 0)
    name = {"plain": "no regularization, no augmentation", "reg": "L2 0.05 + dropout 0.86 (layer 1) + early stopping (patience 30)",
            "reg+aug": "same + online augmentation"}[row]
    print(f"| {name} | {f(tr)} | {f(te)} | {f(gap)} | {st.mean(x['stop_epoch'] for x in r):.0f} |")
PY
fi

if [[ "$what" == cpu ]]; then
  echo
  echo "## (cpu) CPU ms per training sample, (c) settings, 1 thread, 65 - 5 epochs, $seeds repetitions"
  aug='hflip p=0.5 | rotate deg=-15..15 | crop scale=0.7..1 | contrast factor=0.8..1.2 | noise sigma=10'
  cpu() { # $1 = spec, $2 = epochs: user+sys seconds
    /usr/bin/time -f "%U %S" -o "$tmp/time" "${augreg[@]}" train --train "$data/train" --layers 20,7,5 \
      --epochs "$2" --batch 32 --optimizer adam --lr 0.001 --l2 0.0032 --keep-prob 0.86 --init he \
      --eval-every "$2" --threads 1 --augment "$1" --out "$tmp/cpu-$2" --overwrite > /dev/null
    "$py" -c "import sys; u, s = open(sys.argv[1]).read().split()[-2:]; print(float(u) + float(s))" "$tmp/time"
  }
  m=$(ls "$data/train"/*/* | wc -l)
  rows=()
  for r in $(seq 1 "$seeds"); do
    for spec in none "$aug"; do
      a=$(cpu "$spec" 5); b=$(cpu "$spec" 65)
      rows+=("$spec|$("$py" -c "print(($b - $a) / (60 * $m) * 1000)")")
    done
  done
  printf '%s\n' "${rows[@]}" | "$py" -c '
import sys, statistics as st
d = {}
for line in sys.stdin:
    spec, ms = line.rstrip("\n").rsplit("|", 1); d.setdefault(spec != "none", []).append(float(ms))
f = lambda v: "%.3f ± %.3f" % (st.mean(v), st.stdev(v) if len(v) > 1 else 0)
print("| run | CPU ms / sample |"); print("| --- | ---: |")
print("| no augmentation |", f(d[False]), "|"); print("| with augmentation |", f(d[True]), "|")
print("| augmentation alone (difference of the means) | %.3f |" % (st.mean(d[True]) - st.mean(d[False])))'
fi

if [[ "$what" == c || "$what" == all ]]; then
  echo
  echo "## (c) training throughput, $threads thread(s), batch 32, Adam, L2, dropout 0.14, 30 epochs"
  aug='hflip p=0.5 | rotate deg=-15..15 | crop scale=0.7..1 | contrast factor=0.8..1.2 | noise sigma=10'
  declare -A sps
  for a in 0 1; do
    spec=none; [[ $a == 1 ]] && spec="$aug"
    "${augreg[@]}" train --train "$data/train" --layers 20,7,5 --epochs 30 --batch 32 --optimizer adam \
      --lr 0.001 --l2 0.0032 --keep-prob 0.86 --init he --eval-every 30 --threads "$threads" \
      --augment "$spec" --out "$tmp/c$a" > /dev/null
    sps[j$a]=$(json "$tmp/c$a/report.json" samples_per_second)
    t=$("$py" "$peers/torch_cats.py" "$data" 30 "$threads" $a)
    sps[t$a]=$(sed -E 's/.*samples_per_s=([0-9.]+).*/\1/' <<< "$t")
  done
  "$py" - "${sps[j0]}" "${sps[j1]}" "${sps[t0]}" "${sps[t1]}" <<'PY'
import sys
j0, j1, t0, t1 = map(float, sys.argv[1:])
print("| side | no augmentation | with augmentation | augmentation cost |")
print("| --- | ---: | ---: | ---: |")
print(f"| augreg samples/s | {j0:.0f} | {j1:.0f} | {100*(1-j1/j0):.0f}% |")
print(f"| torch_cats.py samples/s | {t0:.0f} | {t1:.0f} | {100*(1-t1/t0):.0f}% |")
print(f"| augreg / torch | {j0/t0:.2f}× | {j1/t1:.2f}× | |")
PY
fi

#!/usr/bin/env bash
# The REFERENCE CNN (REFERENCE.md; `augreg bench cnn`, float products) against today's PyTorch at
# equal cores, ratios measured in the same run:
#   - no augmentation: augreg vs PyTorch 2.x CPU (default python3, peers/torch2_cats.py on an .npz
#     made by peers/cats_to_npz.py);
#   - the peer's augmentation: augreg vs PyTorch + torchvision (Debian /usr/bin/python3,
#     peers/torch_cats_cnn.py);
#   - each pinned to core 0 (`taskset -c 0`, 1 thread) and to cores 0,1 (2 threads); augreg's
#     augmentation worker runs on the same pinned cores;
#   - ROUNDS alternating rounds (the order of the two sides flips every round); every cell is the
#     median of the per-round ratios, with min–max; samples/s, CPU seconds (user+sys of the whole
#     process) and peak RSS (/usr/bin/time %M) are medians too;
#   - the GEMM roofline of this machine (OpenBLAS through JavaCPP, 1024³, operands native, double
#     and float, 1 and 2 threads; the fastest JMH sample of GemmBench) and augreg's share of it:
#     samples/s × FLOP per training sample / roofline.
# Prints which BLAS every side ran on (augreg: its OpenBLAS build; PyTorch: torch.__config__).
# Usage: bench/cnn_peers.sh [ROUNDS] [EPOCHS]   (defaults 3 rounds, 5 epochs; ~15 min on 2 cores)
#   Equal accounting with each peer: PyTorch 2.x times EPOCHS epochs after an untimed warm-up epoch,
#   so augreg's run against it trains a throwaway copy for one untimed epoch first (bench cnn
#   --warmup-epochs 1: the JIT has compiled the step, as PyTorch's first epoch has allocated its
#   buffers); the torchvision peer times all EPOCHS epochs from its start, and so does augreg's run
#   against it (JIT start-up included). CPU s and RSS are of the whole process either way.
# Needs: pip install --no-deps --no-index torch (default python3); apt-get install
#   python3-torchvision python3-opencv (Debian python3).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/equal_cores.sh   # the OpenBLAS kernel policy: old_blas, blas_kernels
rounds="${1:-3}"
epochs="${2:-5}"
data="../shared/datasets/catvnoncat"
peers="../shared/reference/peers"
[[ -d "$data" && -f "$peers/torch2_cats.py" && -f "$peers/torch_cats_cnn.py" ]] ||
  { echo "bench/cnn_peers.sh: needs $data and $peers" >&2; exit 2; }
python3 -c 'import torch' 2>/dev/null ||
  { echo "bench/cnn_peers.sh: PyTorch 2.x missing: pip install --no-deps --no-index torch" >&2; exit 2; }
/usr/bin/python3 -c 'import torch, torchvision, cv2' 2>/dev/null ||
  { echo "bench/cnn_peers.sh: apt-get install python3-torchvision python3-opencv" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./augreg --version >/dev/null   # builds target/augreg.jar if needed, before any timing
cp target/augreg.jar "$tmp/augreg.jar"   # later rebuilds do not disturb a running benchmark
mapfile -t jvm < <(AUGREG_PRINT_JVM_OPTS=1 ./augreg bench cnn)   # the launcher's own options
mapfile -t jvm_env < <(AUGREG_PRINT_JVM_ENV=1 ./augreg)   # and its environment (GLIBC_TUNABLES)
/usr/bin/python3 "$peers/cats_to_npz.py" "$data" "$tmp/cats.npz"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "# REFERENCE CNN vs PyTorch, $(date -u '+%Y-%m-%d %H:%M UTC'), $cpu, $(nproc) cores,"\
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, $epochs epochs"
echo
# OpenBLAS picks its kernels by the CPU unless OPENBLAS_CORETYPE names them (on the 2-core EPYC the
# environment may pin Haswell: AVX2 kernels; see bench/equal_cores.sh). augreg's OpenBLAS is
# current and runs on the detected kernels; Debian's torch 1.13 (torchvision peer) gets the pin back.
kernels="$(blas_kernels)"
echo "BLAS of each side:"
echo "- augreg: OpenBLAS $(unzip -p "$tmp/augreg.jar" META-INF/maven/org.bytedeco/openblas/pom.properties |
  sed -n 's/^version=//p') (org.bytedeco, through JavaCPP), float products (bench cnn's default --precision),"\
  "kernels: $kernels"
blas3="$(update-alternatives --display libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 's/.*link currently points to //p')"
for py in python3 /usr/bin/python3; do
  echo "- $(command -v $py): $($py -c '
import re, torch
cfg = torch.__config__.show()
blas = re.search(r"BLAS_INFO=(\w+)", cfg)
print(f"torch {torch.__version__}, BLAS_INFO={blas.group(1) if blas else None},",
      "MKL" if torch.backends.mkl.is_available() else "no MKL,",
      "oneDNN" if torch.backends.mkldnn.is_available() else "no oneDNN", end="")' 2>/dev/null)$(
    [[ $py == /usr/bin/python3 ]] && echo " (generic BLAS = libblas.so.3 -> ${blas3:-?})")"
done
echo

# FLOP per training sample of the REFERENCE CNN (3×3 convs, pad 1, on 64×64×3; 16/32/64 filters):
# a conv's forward is 2·H·W·9·C·F; training = forward + dK + dX (3×), the first conv has no dX (2×);
# dense 4096→64→1 likewise 3× 2·in·out
flop=$(python3 -c 'c=[(64,3,16,2),(32,16,32,3),(16,32,64,3)]; print(sum(k*2*h*h*9*ci*f for h,ci,f,k in c)+3*2*(4096*64+64))')

# the roofline: fastest 1024³ product with native operands, per precision and thread count
roof() { # $1 cores, $2 threads -> "DOUBLE GFLOPS FLOAT GFLOPS"
  taskset -c "$1" bench/jmh.sh GemmBench.openblas -p shape=1024x1024x1024 -p operands=native \
    -p threads="$2" -bm sample -tu ms -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$tmp/roof.csv" >/dev/null 2>&1
  python3 - "$tmp/roof.csv" <<'EOF'
import csv, sys
best = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["Benchmark"].endswith(":p0.00"):
        best[r["Param: precision"]] = 2 * 1024**3 / (float(r["Score"]) * 1e-3) / 1e9
print(best.get("DOUBLE", 0), best.get("FLOAT", 0))
EOF
}

run() { # $1 label file, rest: command; appends "samples/s cpu_s rss_mb" to $tmp/$1
  local out="$tmp/$1"; shift
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; return 1; }
  local sps; sps="$(sed -n 's/.*samples_per_s=\([0-9.]*\).*/\1/p' "$tmp/log" | tail -1)"
  read -r u s m <"$tmp/time"
  echo "$sps $(python3 -c "print(round($u + $s, 2), round($m / 1024))")" >>"$out"
}

for cores in 0 0,1; do
  n=$(( $(tr -cd ',' <<<"$cores" | wc -c) + 1 ))
  read -r rd rf < <(roof "$cores" "$n")
  echo "$rd $rf" >"$tmp/roof.$n"
  for r in $(seq 1 "$rounds"); do
    echo "bench/cnn_peers.sh: $n core(s), round $r/$rounds ..." >&2
    # augreg with the JVM options ./augreg gives `bench` (as bench/mlp.sh and bench/football*.sh
    # run it); the jar is a copy, see above.
    a=(taskset -c "$cores" env "${jvm_env[@]}" java "${jvm[@]}" -jar "$tmp/augreg.jar"
       bench cnn --data "$data" --epochs "$epochs" --threads "$n" --aug-threads 1)
    t2=(taskset -c "$cores" python3 "$peers/torch2_cats.py" "$tmp/cats.npz" cnn "$epochs" "$n")
    tv=("${old_blas[@]}" taskset -c "$cores" /usr/bin/python3 "$peers/torch_cats_cnn.py" "$data" "$epochs" "$n" 1 0)
    if (( r % 2 )); then
      run "a0.$n" "${a[@]}" --augment 0 --warmup-epochs 1; run "t0.$n" "${t2[@]}"
      run "a1.$n" "${a[@]}" --augment 1; run "t1.$n" "${tv[@]}"
    else
      run "t0.$n" "${t2[@]}"; run "a0.$n" "${a[@]}" --augment 0 --warmup-epochs 1
      run "t1.$n" "${tv[@]}"; run "a1.$n" "${a[@]}" --augment 1
    fi
  done
done

echo "| cores | augmentation | peer | augreg samples/s | peer samples/s | **augreg / peer** (min–max) | CPU s augreg / peer | peak RSS MB augreg / peer | augreg % of roofline, double / float |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in 1 2; do
  for a in 0 1; do
    peer=$([[ $a == 0 ]] && echo "PyTorch $(python3 -c 'import torch; print(torch.__version__)')" ||
      echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') + torchvision")
    python3 - "$tmp/a$a.$n" "$tmp/t$a.$n" "$tmp/roof.$n" "$flop" "$n" "$a" "$peer" <<'EOF'
import statistics as st, sys
A = [list(map(float, l.split())) for l in open(sys.argv[1])]
T = [list(map(float, l.split())) for l in open(sys.argv[2])]
rd, rf = map(float, open(sys.argv[3]).read().split())
flop, n, a, peer = float(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
ratios = [x[0] / y[0] for x, y in zip(A, T)]
med = lambda rows, i: st.median(r[i] for r in rows)
g = med(A, 0) * flop / 1e9
print(f"| {n} | {'yes' if a == '1' else 'no'} | {peer} | {med(A, 0):.0f} | {med(T, 0):.0f} | "
      f"**{st.median(ratios):.2f}×** ({min(ratios):.2f}–{max(ratios):.2f}) | "
      f"{med(A, 1):.1f} / {med(T, 1):.1f} | {med(A, 2):.0f} / {med(T, 2):.0f} | "
      f"{100 * g / rd:.0f} % / {100 * g / rf:.0f} % |")
EOF
  done
done
echo
for n in 1 2; do
  read -r rd rf <"$tmp/roof.$n"
  printf 'GEMM roofline, %d thread(s) pinned to %d core(s): double %.1f GFLOP/s, float %.1f GFLOP/s (OpenBLAS 1024³, native operands, fastest sample)\n' "$n" "$n" "$rd" "$rf"
done
echo "FLOP per training sample of the REFERENCE CNN: $(python3 -c "print(f'{$flop / 1e6:.1f} M')")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

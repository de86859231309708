#!/usr/bin/env bash
# The small CNN's kernel gradient products dK = colsᵀ · dY (batch 32, float, one OpenBLAS thread)
# with the im2col matrix as the float path keeps it (rows × width, transpose flag: OpenBLAS packs it
# with otcopy) against the same matrix stored transposed (width × rows, no flag: oncopy):
# io.augreg.nn.conv.DkLayoutCpu, pinned to core 0, once on the kernels OpenBLAS detects and once
# with the environment's OPENBLAS_CORETYPE pin (if any). Prints ms per product and whether both
# layouts give the same bits.
# Usage: bench/dk_layout.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
pin="${OPENBLAS_CORETYPE:-}"
l2="${OPENBLAS_L2_SIZE:-}"
source bench/equal_cores.sh
./augreg --version >/dev/null
mvn -B -q test-compile >&2
run() { taskset -c 0 java -XX:+UseSerialGC -cp target/augreg.jar:target/test-classes io.augreg.nn.conv.DkLayoutCpu "$rounds"; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "OpenBLAS kernels: $(blas_kernels)"
run
if [[ -n "$pin" ]]; then
  echo "OpenBLAS kernels: OPENBLAS_CORETYPE=$pin"
  OPENBLAS_CORETYPE="$pin" OPENBLAS_L2_SIZE="$l2" run
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

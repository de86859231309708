#!/usr/bin/env bash
# Measures the GEMM paths (EJML, OpenBLAS 1/2 threads, double/float, with/without copies) on the
# cat MLP and football shapes; --sweep adds the sizes that set the EJML/Java vs OpenBLAS threshold.
# Usage: bench/gemm.sh [--sweep] [--seconds S] [--small io.augreg.nn.linalg.JavaGemm]
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
exec java -Xmx2g -cp "$cp" io.augreg.nn.linalg.GemmBench "$@"

#!/usr/bin/env bash
# Measures the GEMM paths (EJML, OpenBLAS 1/2 threads, double/float, with/without copies) on the
# cat MLP and football shapes; --sweep adds the sizes that set the EJML/Java vs OpenBLAS threshold.
# Usage: bench/gemm.sh [--sweep] [--seconds S] [--small io.augreg.nn.linalg.JavaGemm]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
cp_file=target/gemm-bench.classpath
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file"
fi
exec java -Xmx2g -cp "target/classes:$(cat "$cp_file")" io.augreg.nn.linalg.GemmBench "$@"

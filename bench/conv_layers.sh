#!/usr/bin/env bash
# Micro-benchmarks of the small CNN's layers (io.augreg.nn.conv.ConvBench), one thread:
#   profile: per-layer forward/backward times of one training step, double and float;
#   layout:  conv forward+backward, NHWC batch products (native operands / heap Gemm) against
#            NCHW per-example products, double and float.
# Usage: bench/conv_layers.sh [profile|layout|all] [--seconds S] [--batch N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
cp_file=target/gemm-bench.classpath
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file"
fi
exec java -XX:+UseSerialGC -Xmx2g -cp "target/classes:$(cat "$cp_file")" io.augreg.nn.conv.ConvBench "$@"

#!/usr/bin/env bash
# Micro-benchmarks of the small CNN's layers (io.augreg.nn.conv.ConvBench), one thread:
#   profile: per-layer forward/backward times of one training step, double and float;
#   layout:  conv forward+backward, NHWC batch products (native operands / heap Gemm) against
#            NCHW per-example products, double and float.
# Usage: bench/conv_layers.sh [profile|layout|all] [--seconds S] [--batch N]
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
exec java -XX:+UseSerialGC -Xmx2g -cp "$cp" io.augreg.nn.conv.ConvBench "$@"

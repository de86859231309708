#!/usr/bin/env bash
# JMH benchmark of the small CNN (io.augreg.nn.conv.ConvBench), one thread, batch 32:
#   trainingStep: forward + loss + backward of one batch, double and float;
#   layerForward / layerForwardBackward: the convolutions (ReLU and pooling fused) and the dense layer;
#   layout: conv forward+backward, NHWC batch products (native operands / heap Gemm) against
#           NCHW per-example products, double and float.
# Usage: bench/conv_layers.sh [step|layers|layout|all] [JMH options]   (default: all)
set -euo pipefail
what="${1:-all}"
case "$what" in
  step) pattern='ConvBench.trainingStep'; shift ;;
  layers) pattern='ConvBench.layer'; shift ;;
  layout) pattern='ConvBench.layout'; shift ;;
  all) pattern='io.augreg.nn.conv.ConvBench'; [[ $# -gt 0 ]] && shift ;;
  *) pattern='io.augreg.nn.conv.ConvBench' ;;
esac
exec "$(dirname "$0")/jmh.sh" "$pattern" "$@"

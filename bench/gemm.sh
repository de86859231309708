#!/usr/bin/env bash
# JMH benchmark of the GEMM paths (io.augreg.nn.linalg.GemmBench): EJML and plain Java on the heap;
# OpenBLAS on 1 and 2 threads, double and float, with operands copied per call, B resident, or
# already native (the bound), on the cat MLP, football, CNN and crossover shapes and a 1024³
# square (the roofline). Average ms per product; GFLOP/s = 2·m·n·k / time.
# Usage: bench/gemm.sh [JMH options]   e.g. bench/gemm.sh -p shape=1024x1024x1024 -p operands=native
#   (defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s, every shape and path: ~10 min)
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" 'io.augreg.nn.linalg.GemmBench' "$@"

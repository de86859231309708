#!/usr/bin/env bash
# Engine benchmark: the lesson's three football runs in Java (cold, warm, parallel) against the
# numpy reference (../shared/reference/peers/numpy_football.py) measured in the same run.
# Usage: bench/engine.sh [--no-peer]        (PYTHON=... selects the interpreter for the peer)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
exec java -cp "$cp" \
  io.augreg.train.EngineBenchmark "$@"

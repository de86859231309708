#!/usr/bin/env bash
# Engine benchmark: the lesson's three football runs in Java (cold, warm, parallel) against the
# numpy reference (../shared/reference/peers/numpy_football.py) measured in the same run.
# Usage: bench/engine.sh [--no-peer]        (PYTHON=... selects the interpreter for the peer)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
cp_file=target/bench.classpath
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  io.augreg.train.EngineBenchmark "$@"

#!/usr/bin/env bash
# Microseconds per football iteration by phase (forward, backward, update) and mode, cold and warm.
# Usage: bench/phases.sh            (AUGREG_JAVA_OPTS=... passes JVM flags)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
cp_file=target/bench.classpath
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java ${AUGREG_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  io.augreg.train.PhaseBenchmark "$@"

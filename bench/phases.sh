#!/usr/bin/env bash
# Microseconds per football iteration by phase (forward, backward, update) and mode, cold and warm.
# Usage: bench/phases.sh            (AUGREG_JAVA_OPTS=... passes JVM flags)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
exec java ${AUGREG_JAVA_OPTS:-} -cp "$cp" \
  io.augreg.train.PhaseBenchmark "$@"

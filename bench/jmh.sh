#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of the test sources (GemmBench, ConvBench) from the build tree;
# every argument goes to JMH (org.openjdk.jmh.Main), e.g.
#   bench/jmh.sh GemmBench.openblas -p shape=1024x1024x1024 -p operands=native -p threads=1
#   bench/jmh.sh ConvBench.trainingStep -wi 2 -i 5 -r 1s
#   bench/jmh.sh -l        # lists the benchmarks;  bench/jmh.sh -h: JMH's options
# The tests never run JMH (mvn verify only compiles these classes).
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
exec java -cp "$cp" org.openjdk.jmh.Main "$@"

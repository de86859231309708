#!/usr/bin/env bash
# Prints the classpath of the benchmarks that run from the build tree (target/classes,
# target/test-classes and the dependencies, whose list is refreshed when pom.xml changes), after
# compiling main and test code. Used by the other bench scripts: java -cp "$(bench/classpath.sh)" ...
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile >&2
cp_file=target/bench.classpath
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
here="$(pwd)"
echo "$here/target/classes:$here/target/test-classes:$(cat "$cp_file")"

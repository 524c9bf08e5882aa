#!/usr/bin/env bash
# JMH benchmarks kept with stdlib's tests. Usage: bench/jmh.sh [REGEX] [JMH options]   e.g. bench/jmh.sh QuestionsBenchmark
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
mvn -o -B -q test-compile dependency:build-classpath -pl stdlib -am -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test >/dev/null
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1); java=${java:-java}
exec "$java" -cp "stdlib/target/test-classes:stdlib/target/classes:$(cat stdlib/target/jmh.classpath)" org.openjdk.jmh.Main "${@:-QuestionsBenchmark}"

#!/usr/bin/env bash
# JMH micro-benchmarks of the hot parts (feature kernel, loader). Arguments go to JMH, e.g. a
# benchmark name pattern: benchmarks/jmh.sh FeatureEngine
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "$@"

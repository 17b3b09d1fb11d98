#!/usr/bin/env bash
# The end-to-end benchmark harness. Builds the jar and the harness, then runs it from the repository
# root. Options go to the harness: --quick, --sizes 4500,45000, --runs N, --warmup N,
# --baseline-races N, --results FILE, --against OTHER.jar (this build against another, alternated).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx8g \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.racefeatures.bench.Harness "$@"

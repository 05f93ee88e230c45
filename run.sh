#!/usr/bin/env bash
# Runs the whole stack on this machine: Kafka (KRaft), the schema registry, streams, sink API and
# producers, each in its own JVM on 127.0.0.1, data under ./local-data. Ctrl-C stops everything.
# Builds what is missing first. Options: ./run.sh --help
set -euo pipefail
cd "$(dirname "$0")"
for runnable in schema-registry/target/apicurio-registry-runner.jar deploy/target/deploy.jar \
    producers/target/quarkus-app/quarkus-run.jar streams/target/quarkus-app/quarkus-run.jar \
    sink-api/target/quarkus-app/quarkus-run.jar; do
  if [ ! -f "$runnable" ]; then
    echo "[run] building (first run only; a few minutes): mvn -B -q install -DskipTests"
    mvn -B -q install -DskipTests
    break
  fi
done
exec java -Xmx128m -jar deploy/target/deploy.jar run "$@"

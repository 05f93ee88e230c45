#!/usr/bin/env bash
# Ingest throughput: events/s accepted by POST /v1/events (NDJSON batches of 1,000; single events from
# 32 clients) against Kafka's own ProducerPerformance on the same broker, same record size, acks=all.
# Starts its own broker, registry and producers in a temporary directory; stops them at the end.
# Usage: bench/push-throughput.sh [batched events, default 200000] [single events, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f deploy/target/deploy.jar || ! -f producers/target/quarkus-app/quarkus-run.jar ]]; then
  mvn -B -q install -DskipTests
fi
exec java -Xmx1g -cp "deploy/target/deploy.jar:deploy/target/lib/*" \
  be.integrationmonitor.deploy.feed.PushBenchmark "$@"

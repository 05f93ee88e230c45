#!/usr/bin/env bash
# Ingest only (see bench/run.sh): push API vs Kafka's ProducerPerformance on the same broker.
# Usage: bench/push-throughput.sh
exec "$(dirname "$0")/run.sh" --sizes 0 "$@"

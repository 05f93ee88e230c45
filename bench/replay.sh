#!/usr/bin/env bash
# Replay throughput of the indicator engine: N synthetic events already in the input topics of a
# fresh broker, processed from the beginning with the production settings (exactly-once, RocksDB).
# Usage: bench/replay.sh [events, default 1000000] [emit interval, ISO-8601, default PT10S]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl schemas,indicators,schema-registry,platform,streams
mvn -B -q -pl streams exec:java -Dexec.mainClass=be.integrationmonitor.streams.bench.ReplayBenchmark \
  -Dexec.classpathScope=test -Dexec.args="${1:-1000000} ${2:-PT10S}" 2>&1 | grep -v -E ' (INFO|WARN|WARNING) ' 

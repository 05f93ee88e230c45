#!/usr/bin/env bash
# The benchmark suite (not part of the tests): ingest, replay and growth, freshness, serving, each
# with its baseline from the same run; prints a table with the machine. Starts its own brokers,
# registries and services in temporary directories. Needs wrk (installed with apt-get if missing).
# Usage: bench/run.sh [--sizes 500000,1000000,2000000,5000000] [--blue-green-at 1000000] [--probes 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk > /dev/null; then
  $( [[ $(id -u) -eq 0 ]] || echo sudo ) apt-get install -y wrk
fi
if [[ ! -f deploy/target/deploy.jar || ! -f streams/target/quarkus-app/quarkus-run.jar ]]; then
  mvn -B -q install -DskipTests
fi
exec java -Xmx1g -jar deploy/target/deploy.jar bench "$@"

#!/usr/bin/env bash
# Measures the sink API by hand (not a test): a year of weekly values (and months) for every geo
# unit and indicator in a real broker, the sink API in its own 256 MB JVM, wrk on the snapshot of all
# 565 municipalities against /q/health/live, then heap after GC and RSS.
# Needs: mvn -pl sink-api install (once), apt-get install wrk. Usage: sink-api/bench/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=18080
(cd .. && mvn -B -q -pl sink-api dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=test)
java -Xmx512m -cp "target/test-classes:target/classes:$(cat "$work/cp")" \
  be.integrationmonitor.sink.bench.SyntheticYear > "$work/fill.log" 2>&1 &
fill=$!
trap 'kill $fill ${api:-} 2>/dev/null || true' EXIT
until grep -q REGISTRY_URL "$work/fill.log"; do sleep 2; done
grep records= "$work/fill.log"
export $(grep -E '^(KAFKA_BOOTSTRAP_SERVERS|REGISTRY_URL)=' "$work/fill.log" | xargs)
java -Xmx256m -Dquarkus.http.port=$port -Dquarkus.log.category.\"io.quarkus.http.access-log\".level=WARN \
  -jar target/quarkus-app/quarkus-run.jar > "$work/api.log" 2>&1 &
api=$!
start=$(date +%s)
until curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null; do sleep 1; done
echo "ready (caught up) after $(( $(date +%s) - start )) s"
curl -s "http://127.0.0.1:$port/q/metrics" | grep '^im_sink_cells'
snapshot="http://127.0.0.1:$port/v1/snapshot?level=municipality&granularity=week&period=latest"
echo "snapshot: $(curl -s "$snapshot" | wc -c) bytes"
for url in "http://127.0.0.1:$port/q/health/live" "$snapshot"; do
  wrk -t2 -c16 -d5s "$url" > /dev/null   # warm-up
  echo "== $url"; wrk -t2 -c16 -d15s --latency "$url" | grep -E 'Requests/sec|99%|50%|Transfer/sec'
done
jcmd $api GC.run > /dev/null
echo "heap after GC: $(jcmd $api GC.heap_info | grep -Eo 'used [0-9]+K' | head -1)"
echo "RSS: $(ps -o rss= -p $api) KB"

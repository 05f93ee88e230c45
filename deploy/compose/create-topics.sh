#!/bin/sh
# Generated from Topics.definitions(6, 3) by deploy's GeneratedManifests: do not edit.
# Regenerate with: mvn -B -pl deploy -am -Dtest=GeneratedManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dim.manifests.write=true test
# Run once by the topic-init service of compose.yaml; existing topics are left as they are.
set -eu
: "${BOOTSTRAP_SERVERS:?the Kafka bootstrap servers}"
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists "$@"
}
create --topic protection-status-changed --partitions 6 --replication-factor 3 --config retention.bytes=-1 --config retention.ms=-1
create --topic residence-changed --partitions 6 --replication-factor 3 --config retention.bytes=-1 --config retention.ms=-1
create --topic income-support-decided --partitions 6 --replication-factor 3 --config retention.bytes=-1 --config retention.ms=-1
create --topic housing-aid-granted --partitions 6 --replication-factor 3 --config retention.bytes=-1 --config retention.ms=-1
create --topic reception-placement-changed --partitions 6 --replication-factor 3 --config retention.bytes=-1 --config retention.ms=-1
create --topic indicators.1 --partitions 6 --replication-factor 3 --config cleanup.policy=compact
create --topic generations --partitions 1 --replication-factor 3 --config cleanup.policy=compact
create --topic dead-letter --partitions 6 --replication-factor 3 --config retention.bytes=-1 --config retention.ms=-1
create --topic erasures --partitions 6 --replication-factor 3 --config cleanup.policy=compact --config retention.bytes=-1 --config retention.ms=-1
echo "topics ready"

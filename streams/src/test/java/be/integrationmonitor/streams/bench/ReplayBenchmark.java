package be.integrationmonitor.streams.bench;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.Ports;
import be.integrationmonitor.streams.reference.RandomEvents;
import be.integrationmonitor.streams.topology.IndicatorTopology;
import be.integrationmonitor.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Replay throughput of the indicator engine: writes N synthetic events to the input topics of a
 * fresh broker, then runs the topology from the beginning (exactly-once, RocksDB, production
 * settings) until it has consumed every input and every repartitioned step, and prints events/s
 * and the size of the state. Not a test: run it with bench/replay.sh.
 */
public final class ReplayBenchmark {

    private static final String APPLICATION_ID = "replay-benchmark";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Duration emitInterval = Duration.parse(args.length > 1 ? args[1] : "PT10S");
        Path data = Files.createTempDirectory("replay-benchmark-");
        System.out.printf("machine: %d cores, %d MB max heap, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("os.name"));
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(data.resolve("platform"),
                Ports.free(), Ports.free(), Ports.free(), "1g", "384m", 3))) {
            Topics topics = new Topics(platform.registry());
            long produceStart = System.nanoTime();
            int written = produce(platform, topics, events);
            double produceSeconds = seconds(produceStart);
            System.out.printf("wrote %,d events in %.1f s (%,.0f events/s)%n", written, produceSeconds, written / produceSeconds);

            Path state = data.resolve("streams-state");
            long replayStart = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(
                    IndicatorTopology.build(topics, 0, topics.indicators(1), Clock.systemUTC(), emitInterval), config(platform, state));
                 Admin admin = platform.admin()) {
                streams.start();
                long lag;
                do {
                    Thread.sleep(5_000);
                    lag = lag(admin);
                    System.out.printf("  %5.0f s: %,d records still to process, state %,d MB%n",
                            seconds(replayStart), lag, size(state) >> 20);
                } while (lag > 0 || streams.state() != KafkaStreams.State.RUNNING);
                double replaySeconds = seconds(replayStart);
                Thread.sleep(emitInterval.toMillis() + 2_000);
                System.out.printf("%nreplay of %,d events: %.1f s, %,.0f events/s; state %,d MB (%,.0f bytes/event)"
                                + "; emit interval %s%n", written, replaySeconds, written / replaySeconds,
                        size(state) >> 20, (double) size(state) / written, emitInterval);
            }
        }
    }

    /** Writes synthetic events (persons with up to 12 events each) until {@code events} are written. */
    private static int produce(LocalPlatform platform, Topics topics, int events) {
        Map<String, String> topicOf = EventType.ALL.stream()
                .collect(Collectors.toMap(t -> t.schema().getName(), EventType::topic));
        int written = 0;
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), Serdes.String().serializer(), topics.eventSerde().serializer())) {
            for (int chunk = 0; written < events; chunk++) {
                List<org.apache.avro.specific.SpecificRecord> batch =
                        RandomEvents.generate(new Random(chunk), 1_000, 12, LocalDate.now());
                for (var event : batch) {
                    if (written == events) {
                        break;
                    }
                    String person = "c" + chunk + "-" + event.get(event.getSchema().getField("personRef").pos());
                    event.put(event.getSchema().getField("personRef").pos(), person);
                    producer.send(new ProducerRecord<>(topicOf.get(event.getSchema().getName()), person,
                            (GenericRecord) event));
                    written++;
                }
            }
        }
        return written;
    }

    /** Records of the input and repartition topics the application has not committed yet. */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                .partitionsToOffsetAndMetadata().get();
        Set<String> topics = Stream.concat(EventType.ALL.stream().map(EventType::topic),
                Stream.of(Topics.ERASURES, Topics.repartition(APPLICATION_ID, Topics.SERIES_STEPS))).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            // transaction markers take offsets too: a partition within 1 of its end is done
            lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()) - 1);
        }
        return lag;
    }

    private static Properties config(LocalPlatform platform, Path state) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put("consumer.auto.offset.reset", "earliest");
        return config;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

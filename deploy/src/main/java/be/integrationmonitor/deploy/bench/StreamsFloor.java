package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.ops.Cluster;
import be.integrationmonitor.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The replay's second baseline: the simplest Kafka Streams application of the engine's shape, on
 * the same broker and events, with the engine's guarantees (exactly-once v2, 2 stream threads,
 * commit every 100 ms, cached RocksDB stores with changelogs). Each event is read (Avro), counted in
 * a store per person, and sent once through a repartition topic to a count per municipality: one
 * store update and one repartitioned record per event, where the engine has a person's timeline,
 * about 7 repartitioned records and 10 series steps. What Kafka Streams itself costs here.
 */
final class StreamsFloor {

    private static final String APPLICATION_ID = "bench-streams-floor";
    private static final String PER_PERSON = "events-per-person";
    private static final String PER_MUNICIPALITY = "events-per-municipality";
    private static final String BY_MUNICIPALITY = "by-municipality";
    private static final List<String> INPUTS = Topics.indicatorInputs(0);

    private StreamsFloor() {
    }

    /** Runs the application over every event in the input topics; returns the seconds until all are committed. */
    static double run(String bootstrap, Topics topics, Path stateDir) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PER_PERSON),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PER_MUNICIPALITY),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.stream(INPUTS, Consumed.with(Serdes.String(), topics.eventSerde()))
                .process(() -> new Count<GenericRecord, Long>(PER_PERSON,
                        record -> new Record<>(String.valueOf(record.value().get("municipality")), 1L,
                                record.timestamp())), Named.as("count-per-person"), PER_PERSON)
                .repartition(Repartitioned.with(Serdes.String(), Serdes.Long()).withName(BY_MUNICIPALITY))
                .process(() -> new Count<Long, Void>(PER_MUNICIPALITY, record -> null),
                        Named.as("count-per-municipality"), PER_MUNICIPALITY);
        Properties settings = new Properties();
        settings.putAll(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
                StreamsConfig.REPLICATION_FACTOR_CONFIG, 1,
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest"));
        long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), settings);
             Cluster cluster = new Cluster(Map.of("bootstrap.servers", bootstrap))) {
            streams.start();
            String repartition = Topics.repartition(APPLICATION_ID, BY_MUNICIPALITY);
            while (streams.state() != KafkaStreams.State.RUNNING
                    || !cluster.progress(APPLICATION_ID, INPUTS, repartition).caughtUp()) {
                Thread.sleep(500);
            }
            double seconds = Replay.seconds(started);
            streams.close(Duration.ofSeconds(30));
            return seconds;
        }
    }

    /** Counts its records per key in a store and forwards each as {@code next} makes it, if at all. */
    private static final class Count<V, W> implements Processor<String, V, String, W> {
        private final String store;
        private final Function<Record<String, V>, Record<String, W>> next;
        private ProcessorContext<String, W> context;
        private KeyValueStore<String, Long> counts;

        Count(String store, Function<Record<String, V>, Record<String, W>> next) {
            this.store = store;
            this.next = next;
        }

        @Override
        public void init(ProcessorContext<String, W> context) {
            this.context = context;
            this.counts = context.getStateStore(store);
        }

        @Override
        public void process(Record<String, V> record) {
            Long count = counts.get(record.key());
            counts.put(record.key(), count == null ? 1 : count + 1);
            Record<String, W> forwarded = next.apply(record);
            if (forwarded != null) {
                context.forward(forwarded);
            }
        }
    }
}

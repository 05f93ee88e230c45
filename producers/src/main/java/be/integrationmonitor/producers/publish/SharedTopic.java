package be.integrationmonitor.producers.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * A compact+delete topic of the producers' own bookkeeping, shared by every instance: created with
 * a retention (what a start reads back), read from the start before the constructor returns (an
 * instance serves only once it knows what the others accepted), then followed (~100 ms behind).
 * Records are written asynchronously.
 */
final class SharedTopic implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedTopic.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TIDY_EVERY = Duration.ofMinutes(1);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final String topic;
    private final Consumer<ConsumerRecord<String, String>> apply;
    private final Runnable tidy;
    private final Clock clock = Clock.systemUTC();
    private final Producer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param apply gets every record, those written before the start first, on the follower thread
     * @param tidy  run on the follower thread every minute
     */
    SharedTopic(KafkaSettings kafka, String topic, int partitions, short replicationFactor, Duration retention,
                Consumer<ConsumerRecord<String, String>> apply, Runnable tidy) {
        this.topic = topic;
        this.apply = apply;
        this.tidy = tidy;
        createIfMissing(kafka, partitions, replicationFactor, retention);
        this.producer = new KafkaProducer<>(kafka.producer(), new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(kafka.groupLessConsumer(), new StringDeserializer(), new StringDeserializer());
        Thread follower = new Thread(this::follow, topic);
        follower.setDaemon(true);
        follower.start();
        try {
            if (!loaded.await(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not read topic " + topic + " within " + LOAD_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param lost what a failed write means, for the log (never the key: it may be a person's pseudonym) */
    void write(String key, String value, String lost) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                LOG.warnf("%s: record not written (%s): %s", topic, error.getClass().getSimpleName(), lost);
            }
        });
    }

    /**
     * 128 bits of SHA-256 of a record key: half the memory of the string in a cache, and no partner
     * can choose a key that digests to another's.
     */
    static UUID digest(String recordKey) {
        ByteBuffer digest = ByteBuffer.wrap(SHA256.get().digest(recordKey.getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long lastTidy = clock.millis();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    apply.accept(record);
                }
                if (loaded.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    loaded.countDown();
                }
                if (clock.millis() - lastTidy > TIDY_EVERY.toMillis()) {
                    tidy.run();
                    lastTidy = clock.millis();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf("stopped following %s: %s", topic, e.getClass().getSimpleName());
        } finally {
            consumer.close();
        }
    }

    /** The topic's partitions; right after the topic was created they may take a moment to be known. */
    private List<TopicPartition> partitions() {
        long deadline = clock.millis() + LOAD_TIMEOUT.toMillis();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty() || clock.millis() > deadline) {
                return partitions;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return partitions;
            }
        }
    }

    private void createIfMissing(KafkaSettings kafka, int partitions, short replicationFactor, Duration retention) {
        try (Admin admin = Admin.create(kafka.admin())) {
            Set<String> existing = admin.listTopics().names().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                                + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())))))
                        .all().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close();
    }
}

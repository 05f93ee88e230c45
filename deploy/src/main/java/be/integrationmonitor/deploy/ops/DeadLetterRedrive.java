package be.integrationmonitor.deploy.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to their source topic (or, in a dry run, only says which it would),
 * refuses those that must not go back, and counts. One line per dead letter for the first
 * {@link #LINES}, then a progress line every {@link #PROGRESS_EVERY}.
 */
final class DeadLetterRedrive implements AutoCloseable {

    static final int LINES = 100;
    static final int PROGRESS_EVERY = 1_000;

    /** None in a dry run. */
    private final Producer<byte[], byte[]> producer;
    private final AtomicLong redriven = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** The input version of the event topics the producers write: a re-driven event goes there. */
    private final int writing;
    private long selected;
    private long refused;

    private DeadLetterRedrive(Producer<byte[], byte[]> producer, int writing) {
        this.producer = producer;
        this.writing = writing;
    }

    static DeadLetterRedrive dryRun(int writing) {
        return new DeadLetterRedrive(null, writing);
    }

    /** Idempotent and acks=all: a record is re-driven once it is on every in-sync replica, never twice by a retry. */
    static DeadLetterRedrive to(Map<String, Object> settings, int writing) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DeadLetterRedrive(new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
                writing);
    }

    void accept(DeadLetter letter) {
        selected++;
        boolean detailed = selected <= LINES;
        if (letter.refusal().isPresent()) {
            refused++;
            // a refusal is always shown: the operator must see every record left behind
            System.out.printf("refused %s: %s%n", letter.position(), letter.refusal().get());
        } else if (producer == null) {
            if (detailed) {
                System.out.printf("would re-drive %s to %s (was %s)%n", letter.position(), letter.target(writing),
                        letter.source());
            }
        } else {
            producer.send(letter.redrive(writing), (metadata, error) -> {
                if (error == null) {
                    redriven.incrementAndGet();
                    if (detailed) {
                        System.out.printf("re-drove %s to %s-%d@%d (was %s)%n", letter.position(), metadata.topic(),
                                metadata.partition(), metadata.offset(), letter.source());
                    }
                } else {
                    failed.incrementAndGet();
                    System.out.printf("FAILED to re-drive %s: %s%n", letter.position(), error.getMessage());
                }
            });
        }
        if (!detailed && selected % PROGRESS_EVERY == 0) {
            System.out.printf("… %,d dead letters selected so far%n", selected);
        }
    }

    long selected() {
        return selected;
    }

    long refused() {
        return refused;
    }

    /** Re-driven and acknowledged; final once {@link #close()} has returned. */
    long redriven() {
        return redriven.get();
    }

    long failed() {
        return failed.get();
    }

    /** Waits for every send to be acknowledged or to fail. */
    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}

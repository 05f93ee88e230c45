package be.integrationmonitor.registry;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deserializer that waits out a schema registry outage instead of failing the record: a lookup
 * that fails for a transport reason ({@link RegistryFaults#isOutage}) is retried with backoff for
 * up to {@code patience}, then {@link RegistryUnavailableException} tells the caller to pause and
 * read the same record again. Any other failure (an invalid record) is thrown at once.
 */
public final class PatientDeserializer<T> implements Deserializer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PatientDeserializer.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Deserializer<T> delegate;
    private final long patienceMillis;

    public PatientDeserializer(Deserializer<T> delegate, Duration patience) {
        this.delegate = delegate;
        this.patienceMillis = patience.toMillis();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        long deadline = System.currentTimeMillis() + patienceMillis;
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            try {
                T value = headers == null ? delegate.deserialize(topic, data) : delegate.deserialize(topic, headers, data);
                RegistryHealth.reachable();
                return value;
            } catch (RuntimeException e) {
                if (!RegistryFaults.isOutage(e)) {
                    throw e;
                }
                RegistryHealth.unreachable();
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new RegistryUnavailableException("the schema registry is unreachable (" + rootMessage(e)
                            + "); a record of " + topic + " waits for it", e);
                }
                LOG.debug("schema registry unreachable, retrying in {} ms: {}", backoff, rootMessage(e));
                sleep(Math.min(backoff, left));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while waiting for the schema registry", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

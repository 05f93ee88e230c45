package be.integrationmonitor.sink.state;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The indicators the API serves: the {@link Cells} of one engine generation's topic. A switch to
 * another generation replaces them all at once, and only with a complete set: an answer computed
 * inside {@link #reading} sees one generation only, never a mix and never a partial one.
 */
@ApplicationScoped
public class IndicatorState {

    /** Versions of a generation's cells stay below this; the swap count goes above. */
    private static final int EPOCH_SHIFT = 40;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Cells current = new Cells();
    private volatile String topic;
    private volatile long epoch;

    public IndicatorState(MeterRegistry registry) {
        Gauge.builder("im.sink.cells", this, IndicatorState::cells)
                .description("cells of the indicators topic held in memory").register(registry);
    }

    /** Serves these cells, complete, from now on; answers in progress finish first. */
    public void serve(Cells cells, String fromTopic) {
        lock.writeLock().lock();
        try {
            current = cells;
            topic = fromTopic;
            epoch++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Computes an answer from one generation's cells. */
    public <T> T reading(Supplier<T> answer) {
        lock.readLock().lock();
        try {
            return answer.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * As {@link #reading}, but without waiting: null while a generation is being swapped in. For
     * the event loop, which must never block.
     */
    public <T> T readingIfFree(Supplier<T> answer) {
        if (!lock.readLock().tryLock()) {
            return null;
        }
        try {
            return answer.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The topic served; empty until a first one has been read completely. */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    /** The cells of one indicator and period by geo number, null when nothing was ever received. */
    public Cell[] column(String indicator, String granularity, String period) {
        return current.column(indicator, granularity, period);
    }

    public Cell cell(String indicator, String granularity, String period, int geoUnit) {
        Cell[] column = column(indicator, granularity, period);
        return column == null ? null : column[geoUnit];
    }

    /** Changes on every change of a cell of this granularity and period, and on every switch. */
    public long version(String granularity, String period) {
        return (epoch << EPOCH_SHIFT) + current.version(granularity, period);
    }

    public Optional<String> firstPeriod(String granularity) {
        return current.firstPeriod(granularity);
    }

    public long cells() {
        return current.count();
    }
}

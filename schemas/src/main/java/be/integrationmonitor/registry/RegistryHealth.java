package be.integrationmonitor.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this process's serdes last saw of the schema registry: since when it has been unreachable,
 * if it is. One per process, because serdes are made by the Kafka clients, not by the services;
 * read by the services' readiness checks.
 */
public final class RegistryHealth {

    private static final AtomicReference<Instant> UNREACHABLE_SINCE = new AtomicReference<>();
    private static final Clock CLOCK = Clock.systemUTC();

    private RegistryHealth() {
    }

    /** Empty while the registry answers (or has not been needed yet). */
    public static Optional<Instant> unreachableSince() {
        return Optional.ofNullable(UNREACHABLE_SINCE.get());
    }

    static void unreachable() {
        UNREACHABLE_SINCE.compareAndSet(null, CLOCK.instant());
    }

    static void reachable() {
        if (UNREACHABLE_SINCE.get() != null) {
            UNREACHABLE_SINCE.set(null);
        }
    }
}

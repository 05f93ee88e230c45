package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The partners' traffic while the faults happen: the synthetic feed's persons in order, a few at a
 * time, each partner's events of them as one NDJSON batch under its own token; every batch pushed
 * until accepted. Until {@link #unthrottle()} it goes on at most at a steady rate of events a
 * second, past the size's persons if need be, so that every fault happens under load; then it
 * pushes the rest of the size's persons as fast as the API takes them, and stops.
 */
final class PartnerLoad implements AutoCloseable {

    private final PushClient client;
    private final SyntheticFeed feed;
    private final int persons;
    private final int personsPerRound;
    private final double eventsPerSecond;
    private final PartnerPushes pushes;
    private final Thread thread = new Thread(this::run, "partner-load");
    private final AtomicLong pushed = new AtomicLong();
    private volatile int personsPushed;
    private volatile boolean unthrottled;
    private volatile Throwable failure;

    PartnerLoad(PushClient client, SyntheticFeed feed, FaultSuiteSize size, PartnerPushes pushes) {
        this.client = client;
        this.feed = feed;
        this.persons = size.persons();
        this.personsPerRound = size.personsPerRound();
        this.eventsPerSecond = size.eventsPerSecond();
        this.pushes = pushes;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** From now on, pushes the rest of the size's persons as fast as the API takes them. */
    void unthrottle() {
        unthrottled = true;
    }

    /** Events accepted so far (whole batches). */
    long pushed() {
        return pushed.get();
    }

    /** Persons whose events are all accepted: 0 to this, exclusive. */
    int personsPushed() {
        return personsPushed;
    }

    /** Waits until every person's events are accepted. */
    void awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw new IllegalStateException("the load failed", failure);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the load has not finished in " + timeout.toSeconds() + " s; "
                    + pushed() + " events accepted");
        }
    }

    private void run() {
        try {
            for (int first = 0; first < persons || !unthrottled; first += personsPerRound) {
                long began = System.nanoTime();
                int last = unthrottled ? Math.min(persons, first + personsPerRound) : first + personsPerRound;
                List<PartnerEvent> events = feed.persons(first, last);
                Map<String, List<Map<String, Object>>> byPartner = new LinkedHashMap<>();
                for (PartnerEvent event : events) {
                    byPartner.computeIfAbsent(event.partner(), p -> new ArrayList<>()).add(event.event());
                }
                for (Map.Entry<String, List<Map<String, Object>>> batch : byPartner.entrySet()) {
                    pushes.untilAccepted(client.as(SyntheticFeed.token(batch.getKey())), batch.getValue());
                    pushed.addAndGet(batch.getValue().size());
                }
                personsPushed = last;
                pace(began, events.size());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /**
     * Sleeps until a round begun at {@code began} is due at the rate, in short naps so that
     * {@link #unthrottle()} takes at once; a round slowed by a fault is not made up for with a burst.
     */
    private void pace(long began, int events) throws InterruptedException {
        long due = began + (long) (events / eventsPerSecond * TimeUnit.SECONDS.toNanos(1));
        while (!unthrottled && System.nanoTime() < due) {
            Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()) + 1));
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}

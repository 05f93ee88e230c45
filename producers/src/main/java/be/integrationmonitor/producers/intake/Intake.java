package be.integrationmonitor.producers.intake;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.mapping.EventMapper;
import be.integrationmonitor.producers.mapping.MappingResult;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.publish.EventPublisher;
import be.integrationmonitor.producers.publish.PersonEventCounts;
import be.integrationmonitor.producers.publish.SeenEventIds;
import be.integrationmonitor.producers.push.LineResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way in for events, from HTTP pushes and inbox files alike: validate and pseudonymise,
 * drop eventIds already accepted, refuse an event beyond its person's cap, publish, and report each
 * line once Kafka has acknowledged it.
 * Lines are read lazily and at most {@code im.intake.in-flight} events wait for their
 * acknowledgement at a time, so a batch of any size is streamed.
 */
@ApplicationScoped
public class Intake {

    private final EventMapper mapper;
    private final EventPublisher publisher;
    private final SeenEventIds seen;
    private final PersonEventCounts persons;
    private final MeterRegistry metrics;
    private final int inFlight;
    private final long ackTimeoutMillis;

    public Intake(EventMapper mapper, EventPublisher publisher, SeenEventIds seen, PersonEventCounts persons,
                  MeterRegistry metrics, @ConfigProperty(name = "im.intake.in-flight") int inFlight,
                  @ConfigProperty(name = "kafka.delivery.timeout.ms") long deliveryTimeoutMillis) {
        this.mapper = mapper;
        this.publisher = publisher;
        this.seen = seen;
        this.persons = persons;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.ackTimeoutMillis = deliveryTimeoutMillis + 5_000;
    }

    /**
     * One submitted event: its line (1-based) and its JSON, null when the line is not JSON; or,
     * with {@code invalid} set, a line refused before parsing (e.g. beyond a size limit).
     */
    public record Submission(int line, JsonNode event, String invalid) {

        public Submission(int line, JsonNode event) {
            this(line, event, null);
        }

        public static Submission invalid(int line, String reason) {
            return new Submission(line, null, reason);
        }
    }

    /** The counts of one intake; {@code allForbidden} when every line was refused as not the partner's. */
    public record Outcome(long accepted, long duplicates, long rejected, boolean allForbidden) {
    }

    /**
     * @param results gets every line's result: rejected and duplicate lines at once, accepted lines
     *                once acknowledged (so not in line order)
     * @throws BrokerUnavailableException if Kafka did not acknowledge in time; nothing is reported
     *                                    accepted that was not acknowledged
     */
    public Outcome process(Partner partner, String channel, Iterator<Submission> submissions,
                           Consumer<LineResult> results) throws BrokerUnavailableException {
        Batch batch = new Batch(partner.id(), results);
        boolean allForbidden = true;
        while (submissions.hasNext()) {
            Submission submission = submissions.next();
            MappingResult result = submission.invalid() != null
                    ? new MappingResult.Rejected(null, List.of(new FieldError("", submission.invalid())), false)
                    : mapper.map(submission.event(), partner);
            if (result instanceof MappingResult.Rejected rejected) {
                batch.report(new LineResult(submission.line(), rejected.eventId(), LineResult.Status.rejected,
                        rejected.errors()));
                allForbidden &= rejected.forbidden();
                continue;
            }
            allForbidden = false;
            MappingResult.Mapped mapped = (MappingResult.Mapped) result;
            if (seen.contains(partner.id(), mapped.eventId()) || batch.sending.contains(mapped.eventId())) {
                batch.report(new LineResult(submission.line(), mapped.eventId(), LineResult.Status.duplicate, null));
            } else if (!persons.admit(mapped.personRef())) {
                batch.report(new LineResult(submission.line(), mapped.eventId(), LineResult.Status.rejected,
                        List.of(new FieldError(EventMapper.NATIONAL_NUMBER, "the person already has "
                                + persons.maxEvents() + " events, the most one person may have: not published "
                                + "(docs/partners.md, events per person)"))));
            } else {
                batch.sending.add(mapped.eventId());
                CompletableFuture<RecordMetadata> written = publisher.publish(mapped);
                batch.pending.add(new Pending(submission.line(), mapped, written));
                // a send refused at once (e.g. no broker metadata within max.block.ms) ends the
                // request: trying the remaining lines would block once more for each of them
                if (batch.pending.size() >= inFlight || written.isCompletedExceptionally()) {
                    batch.awaitAcknowledgements();
                }
            }
        }
        batch.awaitAcknowledgements();
        batch.counts.forEach((status, count) -> metrics.counter("im.intake.events", "channel", channel,
                "status", status.name()).increment(count));
        return new Outcome(batch.count(LineResult.Status.accepted), batch.count(LineResult.Status.duplicate),
                batch.count(LineResult.Status.rejected), allForbidden && batch.count(LineResult.Status.rejected) > 0);
    }

    private record Pending(int line, MappingResult.Mapped event, CompletableFuture<RecordMetadata> written) {
    }

    private final class Batch {
        final String partnerId;
        final Consumer<LineResult> results;
        final List<Pending> pending = new ArrayList<>();
        final Set<String> sending = new HashSet<>();
        final List<LineResult> acknowledged = new ArrayList<>();
        final EnumMap<LineResult.Status, Long> counts = new EnumMap<>(LineResult.Status.class);

        Batch(String partnerId, Consumer<LineResult> results) {
            this.partnerId = partnerId;
            this.results = results;
        }

        void report(LineResult result) {
            counts.merge(result.status(), 1L, Long::sum);
            results.accept(result);
        }

        long count(LineResult.Status status) {
            return counts.getOrDefault(status, 0L);
        }

        void awaitAcknowledgements() throws BrokerUnavailableException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                RecordMetadata written;
                try {
                    written = p.written().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw notWrittenFrom(i, e.getCause());
                } catch (TimeoutException e) {
                    throw notWrittenFrom(i, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notWrittenFrom(i, e);
                }
                seen.add(partnerId, p.event().eventId(), p.event().type().name());
                persons.written(p.event().personRef(), written);
                LineResult result = new LineResult(p.line(), p.event().eventId(), LineResult.Status.accepted, null);
                acknowledged.add(result);
                report(result);
            }
            pending.clear();
        }

        /** The events from this one on are not reported accepted, so they do not count for their persons. */
        private BrokerUnavailableException notWrittenFrom(int index, Throwable cause) {
            pending.subList(index, pending.size()).forEach(p -> persons.notWritten(p.event().personRef()));
            return new BrokerUnavailableException(cause, acknowledged);
        }
    }
}

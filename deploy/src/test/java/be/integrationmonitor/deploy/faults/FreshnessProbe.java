package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.periods.Granularity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whether the indicators are fresh, end to end: a new person granted protection today in Brussels
 * (21004) is pushed as the Immigration Office; the indicators are fresh once the analysts'
 * {@code new_protections} of this month there counts every probe so far. The synthetic feed of the
 * suite ends before this month, so only probes count there, and its national numbers never have a
 * 29th as birthday, which the probes' do.
 */
final class FreshnessProbe {

    static final String MUNICIPALITY = "21004";

    private final PushClient immigrationOffice;
    private final AnalystApi api;
    private final PartnerPushes pushes;
    private final LocalDate today;
    private int probes;

    FreshnessProbe(PushClient immigrationOffice, AnalystApi api, PartnerPushes pushes, LocalDate today) {
        this.immigrationOffice = immigrationOffice;
        this.api = api;
        this.pushes = pushes;
        this.today = today;
    }

    /** The first day the feed must not reach: the probes' month. */
    static LocalDate firstDayOfProbes(LocalDate today) {
        return today.withDayOfMonth(1);
    }

    /**
     * Pushes the next probe (until accepted) and waits until the API counts it.
     *
     * @return when it did ({@link System#nanoTime()})
     */
    long await(Duration timeout) throws InterruptedException {
        probes++;
        pushes.untilAccepted(immigrationOffice, List.of(grant(probes)));
        long deadline = System.nanoTime() + timeout.toNanos();
        double seen = -1;
        while (System.nanoTime() < deadline) {
            seen = counted();
            if (seen == probes) {
                return System.nanoTime();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("probe " + probes + " not visible in the API after " + timeout.toSeconds()
                + " s: new_protections " + MUNICIPALITY + " this month is " + seen);
    }

    /** The exact new_protections of this month in the probes' municipality; -1 while the API cannot answer. */
    private double counted() throws InterruptedException {
        String period = Granularity.MONTH.label(today);
        return api.monthlySeries("new_protections", MUNICIPALITY, "&from=" + period + "&to=" + period)
                .map(series -> series.path("points").path(0).path("value").asDouble(0)).orElse(-1.0);
    }

    private Map<String, Object> grant(int probe) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "ProtectionStatusChanged");
        event.put("eventId", UUID.nameUUIDFromBytes(("fault-probe/" + probe).getBytes(StandardCharsets.UTF_8))
                .toString());
        event.put("nationalNumber", SyntheticFeed.nationalNumber(1990, 1, 29, probe));
        event.put("effectiveDate", today.toString());
        event.put("recordedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        event.put("municipality", MUNICIPALITY);
        event.put("status", "GRANTED");
        event.put("birthYear", 1990);
        event.put("sex", "F");
        event.put("unaccompaniedMinor", false);
        return event;
    }
}

package be.integrationmonitor.deploy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A small, deterministic synthetic partner feed for the local run: the Immigration Office
 * granting (and sometimes ending) temporary protection, most often in Brussels, Antwerp, Ghent and
 * Liège. Person {@code i} is always the same person with the same events, so re-sending is a no-op.
 */
public final class SyntheticFeed {

    /** The development token of the local partner registry's immigration office. */
    public static final String IMMIGRATION_OFFICE_TOKEN = "dev-immigration-office";

    private static final String[] MUNICIPALITIES = {
        "21004", "21001", "21015", "21009", "21012", "21013", "11002", "44021", "62063", "23088", "24062", "92094"};
    private static final LocalDate FIRST = LocalDate.of(2022, 3, 1);

    private SyntheticFeed() {
    }

    /** The events of persons {@code from} (inclusive) to {@code to} (exclusive), none after {@code today}. */
    public static List<Map<String, Object>> persons(int from, int to, LocalDate today) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Random random = new Random(i * 7919L);
            String municipality = MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)];
            int span = (int) (today.toEpochDay() - FIRST.toEpochDay());
            LocalDate granted = FIRST.plusDays(random.nextInt(Math.max(1, span)));
            int birthYear = 1950 + random.nextInt(70);
            String nationalNumber = nationalNumber(birthYear, random);
            events.add(protection(i, 0, nationalNumber, granted, municipality, "GRANTED", birthYear, random));
            LocalDate ended = granted.plusDays(60 + random.nextInt(500));
            if (random.nextInt(5) == 0 && !ended.isAfter(today)) {
                events.add(protection(i, 1, nationalNumber, ended, municipality, "ENDED", birthYear, random));
            }
        }
        return events;
    }

    private static Map<String, Object> protection(int person, int n, String nationalNumber, LocalDate date,
                                                  String municipality, String status, int birthYear, Random random) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "ProtectionStatusChanged");
        event.put("eventId", UUID.nameUUIDFromBytes(("synthetic-" + person + "-" + n).getBytes()).toString());
        event.put("nationalNumber", nationalNumber);
        event.put("effectiveDate", date.toString());
        event.put("recordedAt", OffsetDateTime.of(date.atTime(9, 0), ZoneOffset.ofHours(1)).toString());
        event.put("municipality", municipality);
        event.put("status", status);
        event.put("birthYear", birthYear);
        event.put("sex", random.nextBoolean() ? "F" : "M");
        event.put("unaccompaniedMinor", birthYear > 2008 && random.nextInt(4) == 0);
        return event;
    }

    /** A valid (fictitious) INSZ/NISS for someone born in that year: yymmdd, serial, mod-97 check. */
    static String nationalNumber(int birthYear, Random random) {
        long base = (birthYear % 100) * 10_000_000L + (1 + random.nextInt(12)) * 100_000L
                + (1 + random.nextInt(28)) * 1_000L + 1 + random.nextInt(997);
        long check = 97 - ((birthYear >= 2000 ? 2_000_000_000L : 0) + base) % 97;
        return String.format("%09d%02d", base, check);
    }
}

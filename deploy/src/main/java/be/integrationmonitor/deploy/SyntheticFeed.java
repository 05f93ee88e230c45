package be.integrationmonitor.deploy;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The synthetic partner feed: realistic events of displaced persons, each published by the partner
 * that owns it (docs/partners.md). Person {@code i} under a seed always has the same events with the
 * same eventIds, so re-sending is a no-op. Per person: a protection grant (Immigration Office) in a
 * municipality weighted towards Brussels and the big cities; for some a Fedasil reception placement
 * before it, moves to other municipalities, an end of protection and sometimes a re-grant; for about
 * half, income-support decisions by the OCMW of their residence some weeks after the grant; for some,
 * housing aid. No event falls outside [from, to].
 */
public final class SyntheticFeed {

    /** The development token of the local partner registry's immigration office. */
    public static final String IMMIGRATION_OFFICE_TOKEN = "dev-immigration-office";
    public static final String IMMIGRATION_OFFICE = "immigration-office";
    public static final String FEDASIL = "fedasil";

    /** Brussels and the big cities, with their weight against 1 for every other municipality. */
    private static final Map<String, Integer> BIG = Map.ofEntries(
            Map.entry("21004", 120), Map.entry("21001", 50), Map.entry("21015", 50), Map.entry("21009", 35),
            Map.entry("21012", 40), Map.entry("21013", 25), Map.entry("11002", 110), Map.entry("44021", 80),
            Map.entry("62063", 70), Map.entry("52011", 50), Map.entry("31005", 25), Map.entry("92094", 25),
            Map.entry("24062", 25), Map.entry("53053", 20), Map.entry("12025", 20), Map.entry("41002", 15),
            Map.entry("35013", 15), Map.entry("57081", 10), Map.entry("46021", 15));
    private static final String[] MUNICIPALITIES;
    private static final int[] CUMULATIVE_WEIGHTS;
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    static {
        List<GeoUnit> all = GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY);
        MUNICIPALITIES = new String[all.size()];
        CUMULATIVE_WEIGHTS = new int[all.size()];
        int total = 0;
        for (int i = 0; i < all.size(); i++) {
            MUNICIPALITIES[i] = all.get(i).code();
            total += BIG.getOrDefault(MUNICIPALITIES[i], 1);
            CUMULATIVE_WEIGHTS[i] = total;
        }
    }

    private final long seed;
    private final LocalDate from;
    private final LocalDate to;

    public SyntheticFeed(long seed, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.isBefore(LocalDate.of(2022, 1, 1))) {
            throw new IllegalArgumentException("need 2022-01-01 <= from <= to, got " + from + " .. " + to);
        }
        this.seed = seed;
        this.from = from;
        this.to = to;
    }

    /** One event and the partner that publishes it (its token is {@code dev-<partner>} in the local run). */
    public record PartnerEvent(String partner, Map<String, Object> event) {

        public String type() {
            return (String) event.get("type");
        }

        public LocalDate effectiveDate() {
            return LocalDate.parse((String) event.get("effectiveDate"));
        }
    }

    /** The development token of a partner of the local registry. */
    public static String token(String partner) {
        return "dev-" + partner;
    }

    /** The events of persons {@code first} (inclusive) to {@code last} (exclusive). */
    public List<PartnerEvent> persons(int first, int last) {
        List<PartnerEvent> events = new ArrayList<>();
        for (int i = first; i < last; i++) {
            events.addAll(person(i));
        }
        return events;
    }

    /** Person {@code i}'s events in date order. */
    public List<PartnerEvent> person(int i) {
        return new Person(i).events();
    }

    /** One person's life in the feed; all randomness from one generator seeded by (seed, i). */
    private final class Person {
        private final int index;
        private final Random random;
        private final List<PartnerEvent> events = new ArrayList<>();
        /** Residence changes in date order: the municipality from each date on. */
        private final List<Map.Entry<LocalDate, String>> residences = new ArrayList<>();
        private final String nationalNumber;
        private final int birthYear;
        private final String sex;
        private final boolean unaccompanied;

        Person(int index) {
            this.index = index;
            this.random = new Random(seed * 0x9E3779B97F4A7C15L + index);
            int age = random.nextInt(100) < 30 ? random.nextInt(18) : 18 + random.nextInt(random.nextInt(10) == 0 ? 70 : 47);
            this.birthYear = from.getYear() - age;
            this.sex = random.nextInt(100) < 58 ? "F" : random.nextInt(50) == 0 ? "X" : "M";
            this.unaccompanied = age < 17 && random.nextInt(12) == 0;
            this.nationalNumber = nationalNumber(birthYear, 1 + random.nextInt(12), 1 + index / 997 % 28, 1 + index % 997);
        }

        List<PartnerEvent> events() {
            // half the arrivals in the first year, as in 2022; the window only cuts, so that a person's
            // events do not depend on it
            LocalDate granted = from.plusDays(random.nextInt(random.nextBoolean() ? 365 : 3 * 365));
            String municipality = pickMunicipality();
            if (random.nextInt(10) < 4) {
                reception(granted);
            }
            residences.add(Map.entry(granted, municipality));
            protection(granted, "GRANTED");
            LocalDate end = null;
            if (random.nextInt(100) < 15) {
                end = granted.plusDays(200 + random.nextInt(700));
                protection(end, "ENDED");
                if (random.nextInt(10) < 3) {
                    protection(end.plusDays(30 + random.nextInt(270)), "GRANTED");
                }
            }
            for (LocalDate moved = granted; random.nextInt(100) < 30; ) {
                moved = moved.plusDays(60 + random.nextInt(600));
                String next = pickMunicipality();
                if (!next.equals(residence(moved))) {
                    residences.add(Map.entry(moved, next));
                    add("municipality-" + next, event("ResidenceChanged", moved, next));
                }
            }
            LocalDate supportFrom = granted.plusDays(14 + random.nextInt(60));
            if (random.nextBoolean() && (end == null || supportFrom.isBefore(end))) {
                incomeSupport(supportFrom, end);
            }
            if (random.nextInt(100) < 25) {
                housingAid(granted.plusDays(20 + random.nextInt(300)));
            }
            events.sort(Comparator.comparing(PartnerEvent::effectiveDate));
            return events.stream().filter(e -> !e.effectiveDate().isBefore(from) && !e.effectiveDate().isAfter(to))
                    .toList();
        }

        private void reception(LocalDate granted) {
            LocalDate entered = granted.minusDays(random.nextInt(20));
            String structureType = switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> "COLLECTIVE_CENTRE";
                case 5, 6, 7 -> "LOCAL_RECEPTION_INITIATIVE";
                default -> "EMERGENCY_SHELTER";
            };
            String location = pickMunicipality();
            add(FEDASIL, event("ReceptionPlacementChanged", entered, location)
                    .with("placement", "ENTERED").with("structureType", structureType));
            add(FEDASIL, event("ReceptionPlacementChanged", entered.plusDays(30 + random.nextInt(200)), location)
                    .with("placement", "LEFT").with("structureType", structureType));
        }

        private void protection(LocalDate date, String status) {
            String municipality = residence(date);
            add(IMMIGRATION_OFFICE, event("ProtectionStatusChanged", date, municipality).with("status", status)
                    .with("birthYear", birthYear).with("sex", sex).with("unaccompaniedMinor", unaccompanied));
        }

        /** A first decision (sometimes a refusal followed by a grant), then perhaps a stop; a stop at the end of protection. */
        private void incomeSupport(LocalDate decided, LocalDate end) {
            String type = random.nextInt(10) < 6 ? "EQUIVALENT_INCOME" : "INTEGRATION_INCOME";
            String category = List.of("COHABITANT", "SINGLE", "FAMILY").get(random.nextInt(3));
            long amount = switch (category) {
                case "COHABITANT" -> 87_613;
                case "SINGLE" -> 131_420;
                default -> 177_607;
            };
            if (random.nextInt(10) == 0) {
                support(decided, type, "REFUSED", category, amount);
                decided = decided.plusDays(20 + random.nextInt(60));
            }
            // an integration income comes with an integration project (GPMI / PIIS) in 4 cases out of 10
            boolean project = type.equals("INTEGRATION_INCOME") && random.nextInt(10) < 4;
            support(decided, type, "GRANTED", category, amount).with("gpmi", project);
            if (random.nextInt(10) < 4) {
                support(decided.plusDays(90 + random.nextInt(500)), type, "STOPPED", category, amount);
            } else if (end != null) {
                support(end, type, "STOPPED", category, amount);
            }
        }

        private Event support(LocalDate date, String type, String decision, String category, long amount) {
            String municipality = residence(date);
            Event event = event("IncomeSupportDecided", date, municipality).with("supportType", type)
                    .with("decision", decision).with("category", category).with("monthlyAmountCents", amount);
            add("ocmw-" + municipality, event);
            return event;
        }

        private void housingAid(LocalDate date) {
            String municipality = residence(date);
            String aid = List.of("RENTAL_GUARANTEE", "INSTALLATION_PREMIUM", "ENERGY_ALLOWANCE", "OTHER_HOUSING_COST")
                    .get(random.nextInt(4));
            long amount = switch (aid) {
                case "RENTAL_GUARANTEE" -> 100_000 + random.nextInt(150_000);
                case "INSTALLATION_PREMIUM" -> 131_420;
                case "ENERGY_ALLOWANCE" -> 10_000 + random.nextInt(40_000);
                default -> 5_000 + random.nextInt(75_000);
            };
            add("ocmw-" + municipality, event("HousingAidGranted", date, municipality).with("aidType", aid)
                    .with("amountCents", amount));
        }

        /** The residence on a day: the latest grant or move on or before it (the first one before any). */
        private String residence(LocalDate date) {
            String municipality = residences.get(0).getValue();
            for (Map.Entry<LocalDate, String> change : residences) {
                if (!change.getKey().isAfter(date)) {
                    municipality = change.getValue();
                }
            }
            return municipality;
        }

        private Event event(String type, LocalDate date, String municipality) {
            Event event = new Event();
            event.put("type", type);
            event.put("eventId", UUID.nameUUIDFromBytes(("synthetic/" + seed + "/" + index + "/" + events.size())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            event.put("nationalNumber", nationalNumber);
            event.put("effectiveDate", date.toString());
            event.put("recordedAt", OffsetDateTime.of(date.atTime(8 + random.nextInt(9), random.nextInt(60)),
                    BRUSSELS.getRules().getOffset(date.atStartOfDay())).toString());
            event.put("municipality", municipality);
            return event;
        }

        private void add(String partner, Event event) {
            events.add(new PartnerEvent(partner, event));
        }

        private String pickMunicipality() {
            int ticket = random.nextInt(CUMULATIVE_WEIGHTS[CUMULATIVE_WEIGHTS.length - 1]);
            int low = 0;
            int high = CUMULATIVE_WEIGHTS.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (CUMULATIVE_WEIGHTS[middle] > ticket) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return MUNICIPALITIES[low];
        }

    }

    /** An event's JSON fields in a fixed order, with a chaining put. */
    private static final class Event extends LinkedHashMap<String, Object> {
        Event with(String key, Object value) {
            put(key, value);
            return this;
        }
    }

    /** A valid (fictitious) INSZ/NISS for someone born in that year, random birthday and serial. */
    public static String nationalNumber(int birthYear, Random random) {
        return nationalNumber(birthYear, 1 + random.nextInt(12), 1 + random.nextInt(28), 1 + random.nextInt(997));
    }

    /** yymmdd, a 3-digit serial, and the mod-97 check (over 2 followed by the nine digits when born 2000+). */
    public static String nationalNumber(int birthYear, int month, int day, int serial) {
        long base = (birthYear % 100) * 10_000_000L + month * 100_000L + day * 1_000L + serial;
        long check = 97 - ((birthYear >= 2000 ? 2_000_000_000L : 0) + base) % 97;
        return String.format("%09d%02d", base, check);
    }
}

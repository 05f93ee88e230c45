package be.integrationmonitor.streams.reference;

import be.integrationmonitor.events.HousingAidGranted;
import be.integrationmonitor.events.IncomeSupportDecided;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.ResidenceChanged;
import be.integrationmonitor.events.SupportDecision;
import be.integrationmonitor.events.SupportType;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.periods.Granularity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalogue computed the plain way, straight from docs/domain.md: for every period and
 * every person, look at the person's events up to the period's last day. Slow and obviously
 * correct; the engine must agree with it on every cell.
 */
public final class ReferenceIndicators {

    private static final Comparator<SpecificRecord> ORDER = Comparator
            .comparing((SpecificRecord e) -> (LocalDate) field(e, "effectiveDate"))
            .thenComparing(e -> (Instant) field(e, "recordedAt"))
            .thenComparing(e -> (String) field(e, "eventId"));

    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, Long> numerators = new HashMap<>();
    private final Map<String, List<Long>> medians = new HashMap<>();
    private final Map<String, Long> cents = new HashMap<>();

    private ReferenceIndicators() {
    }

    /**
     * @param events all events received (duplicates included: the first of an eventId counts)
     * @param erased the persons erased by an operator
     * @return every cell with a non-zero count, by cell key
     */
    public static Map<String, Expected> compute(List<SpecificRecord> events, Set<String> erased, LocalDate today) {
        Map<String, List<SpecificRecord>> byPerson = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (SpecificRecord event : events) {
            String person = (String) field(event, "personRef");
            if (!erased.contains(person) && seen.add(person + "/" + field(event, "eventId"))) {
                byPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(event);
            }
        }
        byPerson.values().forEach(timeline -> timeline.sort(ORDER));
        ReferenceIndicators reference = new ReferenceIndicators();
        LocalDate first = byPerson.values().stream().flatMap(List::stream)
                .map(e -> (LocalDate) field(e, "effectiveDate")).min(LocalDate::compareTo).orElse(today);
        for (Granularity granularity : Granularity.values()) {
            for (LocalDate end = granularity.lastDay(first); !end.isAfter(granularity.lastDay(today));
                    end = granularity.nextLastDay(end)) {
                for (List<SpecificRecord> timeline : byPerson.values()) {
                    reference.person(timeline, granularity, end);
                }
            }
        }
        return reference.cells();
    }

    private void person(List<SpecificRecord> timeline, Granularity g, LocalDate end) {
        String period = g.label(end);
        ProtectionStatusChanged latestProtection = null;
        String residence = null;
        Map<SupportType, Boolean> support = new HashMap<>();
        boolean project = false;
        for (SpecificRecord event : timeline) {
            if (((LocalDate) field(event, "effectiveDate")).isAfter(end)) {
                break;
            }
            if (event instanceof ProtectionStatusChanged p) {
                latestProtection = p;
                if (p.getStatus() == ProtectionStatus.GRANTED) {
                    residence = p.getMunicipality();
                }
            } else if (event instanceof ResidenceChanged r) {
                residence = r.getMunicipality();
            } else if (event instanceof IncomeSupportDecided d && d.getDecision() != SupportDecision.REFUSED) {
                support.put(d.getSupportType(), d.getDecision() == SupportDecision.GRANTED);
                if (d.getSupportType() == SupportType.INTEGRATION_INCOME) {
                    project = d.getDecision() == SupportDecision.GRANTED && Boolean.TRUE.equals(d.getGpmi());
                }
            }
        }
        boolean isProtected = latestProtection != null && latestProtection.getStatus() == ProtectionStatus.GRANTED;
        if (isProtected) {
            boolean integration = support.getOrDefault(SupportType.INTEGRATION_INCOME, false);
            boolean equivalent = support.getOrDefault(SupportType.EQUIVALENT_INCOME, false);
            int age = end.getYear() - latestProtection.getBirthYear();
            add("protected_persons", g, residence, period, 1);
            add("income_support_rate", g, residence, period, 1);
            if (integration || equivalent) {
                add("income_support_recipients", g, residence, period, 1);
                addNumerator("income_support_rate", g, residence, period);
            }
            if (integration) {
                add("integration_income_recipients", g, residence, period, 1);
                if (project) {
                    add("integration_projects", g, residence, period, 1);
                }
            }
            if (equivalent) {
                add("equivalent_income_recipients", g, residence, period, 1);
            }
            if (latestProtection.getUnaccompaniedMinor() && age < 18) {
                add("unaccompanied_minors", g, residence, period, 1);
            }
            if (age >= 65) {
                add("elderly_persons", g, residence, period, 1);
            }
        }
        flows(timeline, g, end, period);
    }

    private void flows(List<SpecificRecord> timeline, Granularity g, LocalDate end, String period) {
        ProtectionStatusChanged firstProtection = null;
        IncomeSupportDecided firstSupport = null;
        for (SpecificRecord event : timeline) {
            if (firstProtection == null && event instanceof ProtectionStatusChanged p
                    && p.getStatus() == ProtectionStatus.GRANTED) {
                firstProtection = p;
                if (g.label(p.getEffectiveDate()).equals(period)) {
                    add("new_protections", g, p.getMunicipality(), period, 1);
                }
            }
            if (firstSupport == null && event instanceof IncomeSupportDecided d && d.getDecision() == SupportDecision.GRANTED) {
                firstSupport = d;
                if (firstProtection != null && g.label(d.getEffectiveDate()).equals(period)) {
                    String residenceThen = residenceOn(timeline, d.getEffectiveDate());
                    long days = d.getEffectiveDate().toEpochDay() - firstProtection.getEffectiveDate().toEpochDay();
                    medians.computeIfAbsent(key("median_days_to_income_support", g, residenceThen, period),
                            k -> new ArrayList<>()).add(days);
                }
            }
            if (event instanceof HousingAidGranted h) {
                LocalDate date = h.getEffectiveDate();
                if (g.label(date).equals(period)) {
                    add("housing_aid_grants", g, h.getMunicipality(), period, 1);
                    add("housing_aid_amount_eur", g, h.getMunicipality(), period, 1);
                    cents.merge(key("housing_aid_amount_eur", g, h.getMunicipality(), period), h.getAmountCents(), Long::sum);
                }
                if (g == Granularity.WEEK && !date.isAfter(end) && date.isAfter(end.minusWeeks(4))) {
                    add("housing_aid_grants_4w", g, h.getMunicipality(), period, 1);
                }
            }
        }
    }

    private static String residenceOn(List<SpecificRecord> timeline, LocalDate day) {
        String residence = null;
        for (SpecificRecord event : timeline) {
            if (((LocalDate) field(event, "effectiveDate")).isAfter(day)) {
                break;
            }
            if (event instanceof ProtectionStatusChanged p && p.getStatus() == ProtectionStatus.GRANTED
                    || event instanceof ResidenceChanged) {
                residence = (String) field(event, "municipality");
            }
        }
        return residence;
    }

    private void add(String indicator, Granularity g, String municipality, String period, long amount) {
        counts.merge(key(indicator, g, municipality, period), amount, Long::sum);
    }

    private void addNumerator(String indicator, Granularity g, String municipality, String period) {
        numerators.merge(key(indicator, g, municipality, period), 1L, Long::sum);
    }

    /** The municipality's key; roll-up happens in {@link #cells()}. */
    private static String key(String indicator, Granularity g, String municipality, String period) {
        return indicator + "/" + g.id() + "/" + municipality + "/" + period;
    }

    private Map<String, Expected> cells() {
        Map<String, Long> allCounts = rollUp(counts);
        Map<String, Long> allNumerators = rollUp(numerators);
        Map<String, Long> allCents = rollUp(cents);
        Map<String, List<Long>> allMedians = new HashMap<>();
        medians.forEach((key, days) -> geos(key).forEach(k -> allMedians.computeIfAbsent(k, x -> new ArrayList<>()).addAll(days)));
        Map<String, Expected> cells = new HashMap<>();
        allCounts.forEach((key, count) -> {
            String indicator = key.substring(0, key.indexOf('/'));
            cells.put(key, switch (indicator) {
                case "income_support_rate" -> {
                    long numerator = allNumerators.getOrDefault(key, 0L);
                    yield new Expected(BigDecimal.valueOf(100 * numerator)
                            .divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP).doubleValue(), count, numerator);
                }
                case "housing_aid_amount_eur" -> new Expected(
                        BigDecimal.valueOf(allCents.getOrDefault(key, 0L), 2).doubleValue(), count, null);
                default -> new Expected((double) count, count, null);
            });
        });
        allMedians.forEach((key, days) -> {
            List<Long> sorted = new ArrayList<>(days);
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
            cells.put(key, new Expected(median, n, null));
        });
        return cells;
    }

    private static <V> Map<String, Long> rollUp(Map<String, Long> byMunicipality) {
        Map<String, Long> all = new HashMap<>();
        byMunicipality.forEach((key, value) -> geos(key).forEach(k -> all.merge(k, value, Long::sum)));
        all.values().removeIf(v -> v == 0);
        return all;
    }

    /** The key at the municipality and at every level above it. */
    private static List<String> geos(String municipalityKey) {
        String[] parts = municipalityKey.split("/");
        return GeoUnits.get().rollUp(parts[2]).stream()
                .map(geo -> parts[0] + "/" + parts[1] + "/" + geo + "/" + parts[3]).toList();
    }

    private static Object field(SpecificRecord event, String name) {
        return event.get(event.getSchema().getField(name).pos());
    }
}

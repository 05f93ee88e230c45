package be.integrationmonitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.events.SupportDecision;
import be.integrationmonitor.events.SupportType;
import be.integrationmonitor.indicators.Relation.AmountOf;
import be.integrationmonitor.indicators.Relation.RatioOf;
import be.integrationmonitor.indicators.Relation.RollingSumOf;
import be.integrationmonitor.indicators.Relation.SubsetOf;
import be.integrationmonitor.indicators.Relation.UnionOf;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.TimelineEvent;
import be.integrationmonitor.periods.Granularity;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.assertj.core.data.Offset;

/** Every relation an indicator declares holds in every cell, for random persons computed as the engine does. */
class RelationsTest {

    private static final List<String> MUNICIPALITIES = List.of("21004", "11002", "44021");
    private static final long FIRST_DAY = PeriodAxis.EPOCH.toEpochDay();
    private static final LocalDate LAST_DAY = LocalDate.of(2024, 12, 31);

    @Property(tries = 100)
    void everyRelationHoldsInEveryCell(@ForAll long seed) {
        Random random = new Random(seed);
        Contributions all = new Contributions();
        int persons = 1 + random.nextInt(15);
        for (int p = 0; p < persons; p++) {
            PersonTimeline person = person(random, p);
            for (Granularity granularity : Granularity.values()) {
                for (Indicator indicator : Catalogue.INDICATORS) {
                    indicator.contribute(person, person.segments(), PeriodAxis.of(granularity), all);
                }
            }
        }
        Cells cells = new Cells(all);
        for (Indicator indicator : Catalogue.INDICATORS) {
            for (Granularity granularity : indicator.definition().granularities()) {
                for (String municipality : MUNICIPALITIES) {
                    for (int period = 0; period <= cells.last(granularity); period++) {
                        for (Relation relation : indicator.definition().relations()) {
                            holds(cells, relation, indicator.id(), granularity, municipality, period);
                        }
                    }
                }
            }
        }
    }

    private static void holds(Cells cells, Relation relation, String id, Granularity granularity,
                              String municipality, int period) {
        CellResult cell = cells.value(id, granularity, municipality, period);
        String where = id + " " + relation + " " + granularity + " " + municipality + " " + period;
        if (relation instanceof SubsetOf subset) {
            assertThat(cell.count()).as(where).isLessThanOrEqualTo(cells.count(subset.whole(), granularity,
                    municipality, period));
        } else if (relation instanceof UnionOf union) {
            List<Long> parts = union.parts().stream().map(part -> cells.count(part, granularity, municipality, period))
                    .toList();
            assertThat(cell.count()).as(where).isBetween(parts.stream().mapToLong(Long::longValue).max().orElseThrow(),
                    parts.stream().mapToLong(Long::longValue).sum());
        } else if (relation instanceof RatioOf ratio) {
            long numerator = cells.count(ratio.numerator(), granularity, municipality, period);
            long denominator = cells.count(ratio.denominator(), granularity, municipality, period);
            assertThat(cell.numerator()).as(where).isEqualTo(numerator);
            assertThat(cell.count()).as(where).isEqualTo(denominator);
            if (denominator == 0) {
                assertThat(cell.value()).as(where).isNull();
            } else {
                assertThat(cell.value()).as(where).isCloseTo(ratio.scale() * (double) numerator / denominator,
                        Offset.offset(0.05));
            }
        } else if (relation instanceof AmountOf amount) {
            long count = cells.count(amount.count(), granularity, municipality, period);
            assertThat(cell.count()).as(where).isEqualTo(count);
        } else if (relation instanceof RollingSumOf rolling) {
            long sum = 0;
            for (int week = Math.max(0, period - rolling.weeks() + 1); week <= period; week++) {
                sum += cells.count(rolling.source(), granularity, municipality, week);
            }
            assertThat(cell.count()).as(where).isEqualTo(sum);
        }
    }

    /** The summed steps, by indicator, granularity, municipality and component, for every period up to the last. */
    private static final class Cells {

        private final Map<String, Map<String, long[]>> sums = new HashMap<>();

        Cells(Contributions contributions) {
            Contributions.delta(new Contributions(), contributions, (key, period, delta) -> {
                Granularity granularity = key.axis().granularity();
                long[] steps = sums.computeIfAbsent(cell(key.indicator(), granularity, key.municipality()),
                        k -> new HashMap<>()).computeIfAbsent(key.component(), k -> new long[last(granularity) + 1]);
                if (period < steps.length) {
                    steps[period] += delta;
                }
            });
            sums.values().forEach(components -> components.values().forEach(steps -> {
                for (int i = 1; i < steps.length; i++) {
                    steps[i] += steps[i - 1];
                }
            }));
        }

        int last(Granularity granularity) {
            return PeriodAxis.of(granularity).index(LAST_DAY);
        }

        CellResult value(String id, Granularity granularity, String municipality, int period) {
            Map<String, Long> components = new HashMap<>();
            sums.getOrDefault(cell(id, granularity, municipality), Map.of())
                    .forEach((component, steps) -> components.put(component, steps[period]));
            return Catalogue.byId(id).orElseThrow().value(components);
        }

        long count(String id, Granularity granularity, String municipality, int period) {
            return value(id, granularity, municipality, period).count();
        }

        private static String cell(String id, Granularity granularity, String municipality) {
            return id + "/" + granularity + "/" + municipality;
        }
    }

    /** A person with up to 12 events of every kind, from 2022 to 2024, who may turn 18 or 65 meanwhile. */
    private static PersonTimeline person(Random random, int number) {
        PersonTimeline person = PersonTimeline.empty();
        int events = 1 + random.nextInt(12);
        int birthYear = random.nextBoolean() ? 2004 + random.nextInt(4) : 1955 + random.nextInt(6);
        for (int e = 0; e < events; e++) {
            long day = FIRST_DAY + random.nextInt((int) (LAST_DAY.toEpochDay() - FIRST_DAY + 1));
            String municipality = MUNICIPALITIES.get(random.nextInt(MUNICIPALITIES.size()));
            String eventId = number + "-" + e;
            EventKind kind = EventKind.values()[random.nextInt(EventKind.HOUSING_AID.ordinal() + 1)];
            SupportDecision decision = SupportDecision.values()[random.nextInt(SupportDecision.values().length)];
            TimelineEvent event = switch (kind) {
                case PROTECTION -> new TimelineEvent(kind, eventId, day, e, municipality, random.nextInt(4) > 0,
                        birthYear, random.nextBoolean(), null, null, 0, false);
                case RESIDENCE -> new TimelineEvent(kind, eventId, day, e, municipality, false, 0, false, null, null, 0,
                        false);
                case INCOME_SUPPORT -> new TimelineEvent(kind, eventId, day, e, municipality,
                        decision == SupportDecision.GRANTED, 0, false,
                        SupportType.values()[random.nextInt(SupportType.values().length)], decision, 0,
                        random.nextBoolean());
                case HOUSING_AID -> new TimelineEvent(kind, eventId, day, e, municipality, false, 0, false, null, null,
                        random.nextInt(100_000), false);
                case ERASURE -> throw new IllegalStateException("not drawn");
            };
            person = person.with(event).orElseThrow();
        }
        return person;
    }
}

package be.integrationmonitor.sink.bench;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.sink.IndicatorsTopic;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * For bench/serve.sh, run by hand: starts a broker and registry and fills the {@code indicators}
 * topic with a year of weekly values (and its months) for every geo unit and indicator, consistent
 * across levels; prints the addresses and keeps running until killed.
 */
public final class SyntheticYear {

    private SyntheticYear() {
    }

    public static void main(String[] args) throws Exception {
        LocalPlatform platform = LocalPlatform.shared();
        Random random = new Random(42);
        List<GeoUnit> municipalities = GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY);
        LocalDate end = LocalDate.now().minusWeeks(1);
        long records = 0;
        try (IndicatorsTopic topic = new IndicatorsTopic()) {
            for (Granularity granularity : Granularity.values()) {
                for (String period : granularity.labels(end.minusWeeks(52), end)) {
                    for (IndicatorDefinition indicator : Catalogue.DEFINITIONS) {
                        if (!indicator.granularities().contains(granularity)) {
                            continue;
                        }
                        long[] counts = new long[municipalities.size()];
                        Map<String, Long> totals = new HashMap<>();
                        for (int i = 0; i < counts.length; i++) {
                            counts[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(60);
                            for (String code : GeoUnits.get().rollUp(municipalities.get(i).code())) {
                                totals.merge(code, counts[i], Long::sum);
                            }
                        }
                        for (var total : totals.entrySet()) {
                            long count = total.getValue();
                            Double value = switch (indicator.disclosure()) {
                                case COUNT -> (double) count;
                                case AMOUNT -> count * 250.0;
                                case RATIO, MEDIAN -> count == 0 ? null : 42.5;
                            };
                            Long numerator = indicator.disclosure() == DisclosureRule.RATIO
                                    ? count / 2 : null;
                            topic.send(indicator.id(), granularity.id(), total.getKey(), period, value, count, numerator);
                            records++;
                        }
                    }
                }
            }
        }
        System.out.println("records=" + records);
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + platform.bootstrapServers());
        System.out.println("REGISTRY_URL=" + platform.registry().root());
        Thread.currentThread().join();
    }
}

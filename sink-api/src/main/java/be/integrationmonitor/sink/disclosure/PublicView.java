package be.integrationmonitor.sink.disclosure;

import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.indicators.Relation;
import be.integrationmonitor.indicators.Relation.AmountOf;
import be.integrationmonitor.indicators.Relation.RatioOf;
import be.integrationmonitor.indicators.Relation.RollingSumOf;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.state.Cell;
import be.integrationmonitor.sink.state.GeoTree;
import be.integrationmonitor.sink.state.IndicatorState;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which cells the public may not see, per (granularity, period), computed once and kept until a
 * cell behind it changes. The same flags serve snapshots and series at every level, so no two
 * answers disagree about a cell.
 *
 * <ul>
 *   <li>Counts: primary rule, then {@link SecondarySuppression} over the geo tree.</li>
 *   <li>Indicators computed from others, as their {@link Relation}s say, are hidden when one of
 *       their sources is (otherwise the shown result would reveal it): a ratio with its numerator
 *       or denominator count ({@link RatioOf}), an amount with its count ({@link AmountOf}: an
 *       additive column, protected by the count's pattern), a rolling sum with any of the weekly
 *       counts it sums ({@link RollingSumOf}). A derived cell shown is then a function of shown
 *       cells only and adds nothing to what the public knows.</li>
 *   <li>Medians are not additive: primary rule only.</li>
 * </ul>
 */
@ApplicationScoped
public class PublicView {

    /** By rolling indicator, the weekly source it sums and over how many weeks. */
    private static final Map<String, RollingSumOf> ROLLING = Catalogue.DEFINITIONS.stream()
            .flatMap(d -> d.relations().stream().filter(RollingSumOf.class::isInstance)
                    .map(r -> Map.entry(d.id(), (RollingSumOf) r)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    /** The most weeks a rolling indicator reaches back to: a week's public view depends on them all. */
    private static final int WINDOW_WEEKS = ROLLING.values().stream().mapToInt(RollingSumOf::weeks).max().orElse(1);
    private static final int CACHED_PERIODS = 2_048;

    private record Hidden(long version, Map<String, boolean[]> byIndicator) {
    }

    private final IndicatorState state;
    private final GeoTree tree = GeoTree.belgium();
    /** Bounded: a caller may name any period; the hot ones (recent weeks and months) stay. */
    private final Cache<String, Hidden> cache = Caffeine.newBuilder().maximumSize(CACHED_PERIODS).build();

    public PublicView(IndicatorState state) {
        this.state = state;
    }

    /** The hidden cells of one indicator and period, by geo number. */
    public boolean[] hidden(IndicatorDefinition indicator, Granularity granularity, String period) {
        RollingSumOf rolling = ROLLING.get(indicator.id());
        if (rolling == null) {
            return base(granularity, period).byIndicator().get(indicator.id());
        }
        boolean[] hidden = primary(indicator, granularity, period);
        for (String week : window(granularity, period, rolling.weeks())) {
            or(hidden, base(granularity, week).byIndicator().get(rolling.source()));
        }
        return hidden;
    }

    /** Changes whenever a cell behind the public view of this period changes. */
    public long stamp(Granularity granularity, String period) {
        long stamp = 0;
        for (String p : window(granularity, period, WINDOW_WEEKS)) {
            stamp += state.version(granularity.id(), p);
        }
        return stamp;
    }

    /** The period and, for weeks, the {@code weeks} - 1 weeks before it. */
    private static List<String> window(Granularity granularity, String period, int weeks) {
        if (granularity != Granularity.WEEK) {
            return List.of(period);
        }
        return IntStream.range(0, weeks)
                .mapToObj(k -> granularity.label(granularity.parse(period).minusWeeks(k))).toList();
    }

    private Hidden base(Granularity granularity, String period) {
        String key = granularity.id() + "/" + period;
        long version = state.version(granularity.id(), period);
        Hidden cached = cache.getIfPresent(key);
        if (cached != null && cached.version() == version) {
            return cached;
        }
        Hidden computed = new Hidden(version, compute(granularity, period));
        cache.put(key, computed);
        return computed;
    }

    private Map<String, boolean[]> compute(Granularity granularity, String period) {
        Map<String, boolean[]> hidden = new HashMap<>();
        List<IndicatorDefinition> indicators = Catalogue.DEFINITIONS.stream()
                .filter(d -> d.granularities().contains(granularity) && !ROLLING.containsKey(d.id())).toList();
        for (IndicatorDefinition d : indicators) {
            if (d.disclosure() == DisclosureRule.COUNT && sameCellSources(d).isEmpty()) {
                hidden.put(d.id(), SecondarySuppression.protect(tree, counts(d, granularity, period),
                        primary(d, granularity, period)));
            }
        }
        for (IndicatorDefinition d : indicators) {
            if (!hidden.containsKey(d.id())) {
                boolean[] cells = primary(d, granularity, period);
                sameCellSources(d).forEach(source -> or(cells, hidden.get(source)));
                hidden.put(d.id(), cells);
            }
        }
        return hidden;
    }

    /**
     * The indicators whose cells at the same geo unit and period this one's derives from: a ratio's
     * terms, an amount's count.
     */
    private static List<String> sameCellSources(IndicatorDefinition indicator) {
        return indicator.relations().stream().filter(r -> r instanceof RatioOf || r instanceof AmountOf)
                .flatMap(r -> r.sources().stream()).toList();
    }

    private boolean[] primary(IndicatorDefinition indicator, Granularity granularity, String period) {
        boolean[] hidden = new boolean[tree.size()];
        Cell[] column = state.column(indicator.id(), granularity.id(), period);
        for (int i = 0; column != null && i < column.length; i++) {
            hidden[i] = Cell.primaryWithheld(indicator.disclosure(), column[i]);
        }
        return hidden;
    }

    private long[] counts(IndicatorDefinition indicator, Granularity granularity, String period) {
        long[] counts = new long[tree.size()];
        Cell[] column = state.column(indicator.id(), granularity.id(), period);
        for (int i = 0; column != null && i < column.length; i++) {
            counts[i] = column[i] == null ? 0 : column[i].count();
        }
        return counts;
    }

    private static void or(boolean[] into, boolean[] other) {
        for (int i = 0; other != null && i < into.length; i++) {
            into[i] |= other[i];
        }
    }
}

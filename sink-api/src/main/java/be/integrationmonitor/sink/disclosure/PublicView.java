package be.integrationmonitor.sink.disclosure;

import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
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
import java.util.stream.IntStream;

/**
 * Which cells the public may not see, per (granularity, period), computed once and kept until a
 * cell behind it changes. The same flags serve snapshots and series at every level, so no two
 * answers disagree about a cell.
 *
 * <ul>
 *   <li>Counts: primary rule, then {@link SecondarySuppression} over the geo tree.</li>
 *   <li>Indicators computed from others are hidden when one of their sources is (otherwise the
 *       shown result would reveal it): the income-support rate with its numerator or denominator
 *       count, the housing aid amount with the grants count (an additive column, protected by the
 *       grants' pattern), the 4-week grants with any of the 4 weekly grants counts. A derived cell
 *       shown is then a function of shown cells only and adds nothing to what the public knows.</li>
 *   <li>Medians are not additive: primary rule only.</li>
 * </ul>
 */
@ApplicationScoped
public class PublicView {

    /** The sources of an indicator at the same geo unit and period. */
    static final Map<String, List<String>> SAME_CELL_SOURCES = Map.of(
            "income_support_rate", List.of("income_support_recipients", "protected_persons"),
            "housing_aid_amount_eur", List.of("housing_aid_grants"));
    /** The 4-week grants: the weekly grants of the period and the 3 weeks before. */
    static final String ROLLING = "housing_aid_grants_4w";
    static final String ROLLING_SOURCE = "housing_aid_grants";
    static final int ROLLING_WEEKS = 4;
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
        if (!indicator.id().equals(ROLLING)) {
            return base(granularity, period).byIndicator().get(indicator.id());
        }
        boolean[] hidden = primary(indicator, granularity, period);
        for (String week : window(granularity, period)) {
            or(hidden, base(granularity, week).byIndicator().get(ROLLING_SOURCE));
        }
        return hidden;
    }

    /** Changes whenever a cell behind the public view of this period changes. */
    public long stamp(Granularity granularity, String period) {
        long stamp = 0;
        for (String p : window(granularity, period)) {
            stamp += state.version(granularity.id(), p);
        }
        return stamp;
    }

    /** The period and, for weeks, the weeks a rolling indicator reaches back to. */
    private static List<String> window(Granularity granularity, String period) {
        if (granularity != Granularity.WEEK) {
            return List.of(period);
        }
        return IntStream.range(0, ROLLING_WEEKS)
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
                .filter(d -> d.granularities().contains(granularity) && !d.id().equals(ROLLING)).toList();
        for (IndicatorDefinition d : indicators) {
            if (d.disclosure() == DisclosureRule.COUNT && !SAME_CELL_SOURCES.containsKey(d.id())) {
                hidden.put(d.id(), SecondarySuppression.protect(tree, counts(d, granularity, period),
                        primary(d, granularity, period)));
            }
        }
        for (IndicatorDefinition d : indicators) {
            if (!hidden.containsKey(d.id())) {
                boolean[] cells = primary(d, granularity, period);
                SAME_CELL_SOURCES.getOrDefault(d.id(), List.of()).forEach(source -> or(cells, hidden.get(source)));
                hidden.put(d.id(), cells);
            }
        }
        return hidden;
    }

    private boolean[] primary(IndicatorDefinition indicator, Granularity granularity, String period) {
        boolean[] hidden = new boolean[tree.size()];
        Cell[] column = state.column(indicator.id(), granularity.id(), period);
        for (int i = 0; column != null && i < column.length; i++) {
            hidden[i] = PrimaryRule.withheld(indicator.disclosure(), column[i]);
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

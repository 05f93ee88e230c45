package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.disclosure.PublicView;
import be.integrationmonitor.sink.release.ReleaseCalendar;
import be.integrationmonitor.sink.state.Cell;
import be.integrationmonitor.sink.state.GeoTree;
import be.integrationmonitor.sink.state.IndicatorState;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of the indicators API, for the public or an analyst, each from one generation's
 * cells. Snapshots are kept rendered (with their ETag) until a cell behind them changes or the
 * generation served does: pollers get bytes from memory.
 */
@ApplicationScoped
public class IndicatorViews {

    private static final int SNAPSHOTS_KEPT = 256;
    /** SDMX code list CL_CONF_STATUS: free, primary confidential, secondary confidential. */
    private static final String CONF_FREE = "F";
    private static final String CONF_PRIMARY = "A";
    private static final String CONF_SECONDARY = "D";
    /** SDMX code list CL_OBS_STATUS: normal value, provisional value. */
    private static final String OBS_NORMAL = "A";
    private static final String OBS_PROVISIONAL = "P";

    private record Kept(long stamp, Rendered answer) {
    }

    private final IndicatorState state;
    private final PublicView publicView;
    private final ReleaseCalendar calendar;
    private final ObjectMapper mapper;
    private final GeoTree tree = GeoTree.belgium();
    /** Bounded, and read without a lock: a kept snapshot is answered on the event loop. */
    private final Cache<String, Kept> snapshots = Caffeine.newBuilder().maximumSize(SNAPSHOTS_KEPT).build();

    /** Striped: as bounded as the kept snapshots, whatever periods are asked for. */
    private final Object[] renderLocks = new Object[64];

    public IndicatorViews(IndicatorState state, PublicView publicView, ReleaseCalendar calendar, ObjectMapper mapper) {
        this.state = state;
        this.publicView = publicView;
        this.calendar = calendar;
        this.mapper = mapper;
        Arrays.setAll(renderLocks, i -> new Object());
    }

    Rendered series(IndicatorDefinition indicator, GeoUnit unit, Granularity granularity, List<String> periods,
                    Viewer viewer, Format format) {
        return state.reading(() -> renderSeries(indicator, unit, granularity, periods, viewer, format));
    }

    Rendered snapshot(GeoLevel level, Granularity granularity, String period, Viewer viewer, Format format) {
        return state.reading(() -> keptSnapshot(level, granularity, period, viewer, format));
    }

    /**
     * The snapshot if it is kept rendered and current: no work to do but send it; else null (also
     * while a generation is being swapped in: nothing here waits, it runs on the event loop).
     */
    Rendered currentSnapshot(GeoLevel level, Granularity granularity, String period, Viewer viewer, Format format) {
        return state.readingIfFree(() -> {
            Kept kept = snapshots.getIfPresent(snapshotKey(level, granularity, period, viewer, format));
            return kept != null && kept.stamp() >= publicView.stamp(granularity, period) ? kept.answer() : null;
        });
    }

    /** With the period's observation status: a kept answer turns stale when its values stop being provisional. */
    private String snapshotKey(GeoLevel level, Granularity granularity, String period, Viewer viewer, Format format) {
        return String.join("/", level.id(), granularity.id(), period, viewer.name(), format.name(),
                obsStatus(granularity, period));
    }

    private Rendered renderSeries(IndicatorDefinition indicator, GeoUnit unit, Granularity granularity,
                                  List<String> periods, Viewer viewer, Format format) {
        int geo = tree.index(unit.code());
        List<Point> points = periods.stream()
                .map(period -> point(indicator, granularity, period, obsStatus(granularity, period), geo,
                        hidden(indicator, granularity, period, viewer)))
                .toList();
        if (format == Format.JSON) {
            return Format.json(mapper, new Series(indicator.id(), unit.code(), unit.level().id(), granularity.id(), points));
        }
        return Format.csv(indicator.id() + "-" + unit.code() + "-" + granularity.id() + ".csv",
                List.of("indicator", "geo", "level", "granularity", "period", "value", "suppressed", "conf_status",
                        "obs_status"),
                points.stream().map(p -> Arrays.<Object>asList(indicator.id(), unit.code(), unit.level().id(),
                        granularity.id(), p.period(), p.value(), p.suppressed(), p.confStatus(), p.obsStatus())).toList());
    }

    private Rendered keptSnapshot(GeoLevel level, Granularity granularity, String period, Viewer viewer,
                                  Format format) {
        String key = snapshotKey(level, granularity, period, viewer, format);
        long stamp = publicView.stamp(granularity, period); // read before computing: never newer than the content
        Kept kept = snapshots.getIfPresent(key);
        if (kept != null && kept.stamp() >= stamp) {
            return kept.answer();
        }
        // one rendering per snapshot at a time: pollers arriving meanwhile wait for it instead of
        // all rendering the same answer (stamps only grow, so a kept answer at least as new is fine)
        synchronized (renderLocks[Math.floorMod(key.hashCode(), renderLocks.length)]) {
            kept = snapshots.getIfPresent(key);
            if (kept == null || kept.stamp() < stamp) {
                kept = new Kept(stamp, renderSnapshot(level, granularity, period, viewer, format));
                snapshots.put(key, kept);
            }
            return kept.answer();
        }
    }

    private Rendered renderSnapshot(GeoLevel level, Granularity granularity, String period, Viewer viewer,
                                    Format format) {
        List<IndicatorDefinition> indicators = Catalogue.DEFINITIONS.stream()
                .filter(d -> d.granularities().contains(granularity)).toList();
        Map<String, boolean[]> hidden = new LinkedHashMap<>();
        indicators.forEach(d -> hidden.put(d.id(), hidden(d, granularity, period, viewer)));
        List<GeoUnit> units = GeoUnits.get().ofLevel(level);
        String obsStatus = obsStatus(granularity, period);
        if (format == Format.CSV) {
            List<List<Object>> rows = new ArrayList<>();
            for (GeoUnit unit : units) {
                int geo = tree.index(unit.code());
                for (IndicatorDefinition d : indicators) {
                    Point p = point(d, granularity, period, obsStatus, geo, hidden.get(d.id()));
                    rows.add(Arrays.asList(unit.code(), unit.nameNl(), unit.nameFr(), level.id(), granularity.id(),
                            period, d.id(), p.value(), p.suppressed(), p.confStatus(), p.obsStatus()));
                }
            }
            return Format.csv("snapshot-" + level.id() + "-" + period + ".csv", List.of("geo", "name_nl", "name_fr",
                    "level", "granularity", "period", "indicator", "value", "suppressed", "conf_status", "obs_status"),
                    rows);
        }
        List<Snapshot.Row> rows = new ArrayList<>();
        for (GeoUnit unit : units) {
            int geo = tree.index(unit.code());
            Map<String, Snapshot.Value> values = new LinkedHashMap<>();
            for (IndicatorDefinition d : indicators) {
                Point p = point(d, granularity, period, obsStatus, geo, hidden.get(d.id()));
                values.put(d.id(), new Snapshot.Value(p.value(), p.suppressed(), p.confStatus(), p.obsStatus()));
            }
            String name = unit.nameNl().equals(unit.nameFr()) ? unit.nameNl() : unit.nameNl() + " / " + unit.nameFr();
            rows.add(new Snapshot.Row(unit.code(), name, values));
        }
        return Format.json(mapper, new Snapshot(level.id(), granularity.id(), period,
                indicators.stream().map(IndicatorDefinition::id).toList(), rows));
    }

    /** Null for analysts: they see everything. */
    private boolean[] hidden(IndicatorDefinition indicator, Granularity granularity, String period, Viewer viewer) {
        return viewer == Viewer.PUBLIC ? publicView.hidden(indicator, granularity, period) : null;
    }

    /**
     * An absent cell is 0 for counts and amounts, undefined for ratios and medians. For the public,
     * a withheld cell is CONF_STATUS A when the primary rule withholds it, D when it protects another.
     */
    private Point point(IndicatorDefinition indicator, Granularity granularity, String period, String obsStatus,
                        int geo, boolean[] hidden) {
        Cell cell = state.cell(indicator.id(), granularity.id(), period, geo);
        if (hidden != null && hidden[geo]) {
            return new Point(period, null, true, Cell.primaryWithheld(indicator.disclosure(), cell)
                    ? CONF_PRIMARY : CONF_SECONDARY, obsStatus, null);
        }
        boolean additive = indicator.disclosure() == DisclosureRule.COUNT
                || indicator.disclosure() == DisclosureRule.AMOUNT;
        Double value = cell != null ? cell.valueOrNull() : additive ? Double.valueOf(0.0) : null;
        if (hidden != null) {
            return new Point(period, value, false, CONF_FREE, obsStatus, null);
        }
        return new Point(period, value, false, null, obsStatus, cell == null ? 0L : cell.count());
    }

    private String obsStatus(Granularity granularity, String period) {
        return calendar.provisional(granularity.parse(period)) ? OBS_PROVISIONAL : OBS_NORMAL;
    }
}

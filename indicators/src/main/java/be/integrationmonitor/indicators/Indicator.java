package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.util.List;
import java.util.Map;

/**
 * One indicator of the {@link Catalogue}: its definition, what each person contributes to its
 * cells, and how a cell's summed contributions make its value. The engine keeps the sums exact by
 * retracting a person's previous contribution whenever their timeline changes.
 */
public abstract class Indicator {

    /** The component of a plain count. */
    public static final String COUNT = "";

    private final IndicatorDefinition definition;

    protected Indicator(IndicatorDefinition definition) {
        this.definition = definition;
    }

    /** What the indicator is: id, names, kind, unit, disclosure rule, relations. */
    public final IndicatorDefinition definition() {
        return definition;
    }

    /** The catalogue id, e.g. {@code protected_persons}. */
    public final String id() {
        return definition.id();
    }

    /**
     * Adds the person's contribution over the periods of {@code axis}.
     *
     * @param segments the person's states over time ({@link PersonTimeline#segments()})
     */
    public abstract void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out);

    /** The cell's value from the sums of its components; by default a count. */
    public CellResult value(Map<String, Long> components) {
        long count = components.getOrDefault(COUNT, 0L);
        return new CellResult((double) count, count, null);
    }

    /** The key of one of this indicator's components in a municipality. */
    protected final Contributions.Key key(PeriodAxis axis, String municipality, String component) {
        return new Contributions.Key(id(), axis, municipality, component);
    }

    /** The periods whose last day falls in the segment: those in which a stock measures its state. */
    static int[] measuredIn(Segment segment, PeriodAxis axis) {
        int hi = segment.end() == null ? Contributions.OPEN : axis.lastEndingBefore(segment.end());
        return new int[] {axis.index(segment.start()), hi};
    }
}

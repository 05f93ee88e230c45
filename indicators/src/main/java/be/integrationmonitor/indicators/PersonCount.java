package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonState;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.util.List;

/** A stock: the persons in a given state on the last day of the period, by residence on that day. */
public abstract class PersonCount extends Indicator {

    /** How every stock's definition ends: where a person is counted. */
    static final String BY_RESIDENCE = ", by residence on that day";

    protected PersonCount(IndicatorDefinition definition) {
        super(definition);
    }

    /** Whether a person in this state, in this year, is counted. */
    protected abstract boolean counts(PersonState state, int year);

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        for (Segment segment : segments) {
            if (segment.state().residence() != null && counts(segment.state(), segment.year())) {
                int[] range = measuredIn(segment, axis);
                out.add(key(axis, segment.state().residence(), COUNT), range[0], range[1], 1);
            }
        }
    }
}

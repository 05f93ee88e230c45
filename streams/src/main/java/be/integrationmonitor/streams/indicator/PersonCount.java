package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.streams.period.PeriodAxis;
import be.integrationmonitor.streams.person.PersonState;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.Segment;
import java.util.List;
import java.util.Map;

/** A stock: the persons in a given state on the last day of the period, by residence on that day. */
public abstract class PersonCount implements Indicator {

    static final String COUNT = "";

    /** Whether a person in this state, in this year, is counted. */
    protected abstract boolean counts(PersonState state, int year);

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        for (Segment segment : segments) {
            if (segment.state().residence() != null && counts(segment.state(), segment.year())) {
                int[] range = Indicator.measuredIn(segment, axis);
                out.add(key(axis, segment.state().residence(), COUNT), range[0], range[1], 1);
            }
        }
    }

    @Override
    public CellResult value(Map<String, Long> components) {
        return count(components.getOrDefault(COUNT, 0L));
    }

    static CellResult count(long count) {
        return new CellResult((double) count, count, null);
    }
}

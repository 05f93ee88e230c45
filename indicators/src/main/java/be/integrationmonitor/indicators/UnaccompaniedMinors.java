package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.SubsetOf;
import be.integrationmonitor.indicators.person.PersonState;

/** {@code unaccompanied_minors}: protected persons flagged unaccompanied minor and under 18; a subset of those. */
public final class UnaccompaniedMinors extends PersonCount {


    public UnaccompaniedMinors() {
        super(IndicatorDefinition.count("unaccompanied_minors", Kind.STOCK, "persons",
                names("Niet-begeleide minderjarigen", "Mineurs non accompagnés", "Unaccompanied minors"),
                "Protected persons flagged unaccompanied minor and aged under 18 on the last day of the period"
                        + BY_RESIDENCE + ".",
                new SubsetOf(ProtectedPersons.ID)));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.unaccompaniedMinor() && state.age(year) < 18;
    }
}

package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

/** {@code unaccompanied_minors}: protected persons flagged unaccompanied minor and under 18. */
public final class UnaccompaniedMinors extends PersonCount {

    @Override
    public String id() {
        return "unaccompanied_minors";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.unaccompaniedMinor() && state.age(year) < 18;
    }
}

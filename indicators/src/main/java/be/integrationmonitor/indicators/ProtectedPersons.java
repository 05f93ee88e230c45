package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

/** {@code protected_persons}: persons protected on the last day of the period. */
public final class ProtectedPersons extends PersonCount {

    @Override
    public String id() {
        return "protected_persons";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson();
    }
}

package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

/** {@code elderly_persons}: protected persons aged 65 or more. */
public final class ElderlyPersons extends PersonCount {

    @Override
    public String id() {
        return "elderly_persons";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.age(year) >= 65;
    }
}

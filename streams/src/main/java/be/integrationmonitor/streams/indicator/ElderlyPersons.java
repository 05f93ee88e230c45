package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.streams.person.PersonState;

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

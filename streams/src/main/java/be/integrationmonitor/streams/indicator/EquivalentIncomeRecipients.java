package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.streams.person.PersonState;

/** {@code equivalent_income_recipients}: protected persons receiving the equivalent leefloon. */
public final class EquivalentIncomeRecipients extends PersonCount {

    @Override
    public String id() {
        return "equivalent_income_recipients";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.equivalentIncome();
    }
}

package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

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

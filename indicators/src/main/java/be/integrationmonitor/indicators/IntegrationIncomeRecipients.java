package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

/** {@code integration_income_recipients}: protected persons receiving the leefloon / revenu d'intégration. */
public final class IntegrationIncomeRecipients extends PersonCount {

    @Override
    public String id() {
        return "integration_income_recipients";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.integrationIncome();
    }
}

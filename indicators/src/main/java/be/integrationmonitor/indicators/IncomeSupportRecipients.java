package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

/** {@code income_support_recipients}: protected persons receiving income support of any type. */
public final class IncomeSupportRecipients extends PersonCount {

    @Override
    public String id() {
        return "income_support_recipients";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.receivesIncomeSupport();
    }
}

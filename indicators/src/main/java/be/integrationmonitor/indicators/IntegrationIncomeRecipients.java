package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.person.PersonState;

/**
 * {@code integration_income_recipients}: protected persons receiving the leefloon / revenu
 * d'intégration; a part of {@link IncomeSupportRecipients}.
 */
public final class IntegrationIncomeRecipients extends PersonCount {

    public static final String ID = "integration_income_recipients";

    public IntegrationIncomeRecipients() {
        super(IndicatorDefinition.count(ID, Kind.STOCK, "persons",
                names("Leefloners", "Bénéficiaires du revenu d'intégration", "Integration income recipients"),
                "Protected persons receiving the integration income (leefloon / revenu d'intégration) "
                        + "on the last day of the period" + BY_RESIDENCE + "."));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.integrationIncome();
    }
}

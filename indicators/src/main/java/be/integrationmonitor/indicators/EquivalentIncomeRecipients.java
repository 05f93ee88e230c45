package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.person.PersonState;

/**
 * {@code equivalent_income_recipients}: protected persons receiving the equivalent leefloon; a part
 * of {@link IncomeSupportRecipients}.
 */
public final class EquivalentIncomeRecipients extends PersonCount {

    public static final String ID = "equivalent_income_recipients";

    public EquivalentIncomeRecipients() {
        super(IndicatorDefinition.count(ID, Kind.STOCK, "persons",
                names("Ontvangers van equivalent leefloon", "Bénéficiaires de l'aide sociale équivalente",
                        "Equivalent income recipients"),
                "Protected persons receiving the equivalent income (equivalent leefloon / aide sociale "
                        + "équivalente) on the last day of the period" + BY_RESIDENCE + "."));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.equivalentIncome();
    }
}

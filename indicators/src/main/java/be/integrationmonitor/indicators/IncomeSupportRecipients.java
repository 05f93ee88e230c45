package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.SubsetOf;
import be.integrationmonitor.indicators.Relation.UnionOf;
import be.integrationmonitor.indicators.person.PersonState;
import java.util.List;

/**
 * {@code income_support_recipients}: protected persons receiving income support of any type. The
 * union of the integration and equivalent income recipients (a person may hold both, so at most
 * their sum), and a subset of the protected persons.
 */
public final class IncomeSupportRecipients extends PersonCount {

    public static final String ID = "income_support_recipients";

    public IncomeSupportRecipients() {
        super(IndicatorDefinition.count(ID, Kind.STOCK, "persons",
                names("Ontvangers van inkomenssteun", "Bénéficiaires d'une aide au revenu",
                        "Income support recipients"),
                "Protected persons receiving income support of any type (leefloon or equivalent leefloon) "
                        + "on the last day of the period" + BY_RESIDENCE + ".",
                new UnionOf(List.of(IntegrationIncomeRecipients.ID, EquivalentIncomeRecipients.ID)),
                new SubsetOf(ProtectedPersons.ID)));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.receivesIncomeSupport();
    }
}

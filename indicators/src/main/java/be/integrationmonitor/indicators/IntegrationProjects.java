package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.SubsetOf;
import be.integrationmonitor.indicators.person.PersonState;

/**
 * {@code integration_projects}: protected persons receiving the integration income with an
 * individualised social integration project (GPMI / PIIS) attached, a subset of the integration
 * income recipients. Reads the {@code gpmi} field that version 2 of IncomeSupportDecided added; v1
 * decisions count as without a project.
 */
public final class IntegrationProjects extends PersonCount {


    public IntegrationProjects() {
        super(IndicatorDefinition.count("integration_projects", Kind.STOCK, "persons",
                names("Leefloners met GPMI", "Bénéficiaires du revenu d'intégration avec PIIS",
                        "Integration income recipients with an integration project"),
                "Protected persons receiving the integration income whose latest grant came with an "
                        + "individualised social integration project (GPMI / PIIS), on the last day of the "
                        + "period" + BY_RESIDENCE + ". From v2 of IncomeSupportDecided; earlier decisions "
                        + "count as without a project.",
                new SubsetOf(IntegrationIncomeRecipients.ID)));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.integrationIncome() && state.integrationProject();
    }
}

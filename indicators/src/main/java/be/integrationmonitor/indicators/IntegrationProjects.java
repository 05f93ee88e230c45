package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.PersonState;

/**
 * {@code integration_projects}: protected persons receiving the integration income with an
 * individualised social integration project (GPMI / PIIS) attached. Reads the {@code gpmi} field
 * that version 2 of IncomeSupportDecided added; v1 decisions count as without a project.
 */
public final class IntegrationProjects extends PersonCount {

    @Override
    public String id() {
        return "integration_projects";
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.integrationIncome() && state.integrationProject();
    }
}

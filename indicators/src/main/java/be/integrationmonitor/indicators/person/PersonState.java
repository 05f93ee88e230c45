package be.integrationmonitor.indicators.person;

/**
 * What is true of a person on a day, per docs/domain.md: protection, residence, income support,
 * and the birth year and unaccompanied-minor flag of the latest protection event.
 *
 * @param residence null until a protection GRANTED or a move gives one
 * @param integrationProject the latest integration income granted came with a GPMI / PIIS
 */
public record PersonState(boolean protectedPerson, String residence, boolean integrationIncome,
                          boolean equivalentIncome, int birthYear, boolean unaccompaniedMinor,
                          boolean integrationProject) {

    static final PersonState NOBODY = new PersonState(false, null, false, false, 0, false, false);

    /** The state after one more event of the day (REFUSED decisions and housing aid change nothing). */
    PersonState after(TimelineEvent event) {
        return switch (event.kind()) {
            case PROTECTION -> new PersonState(event.granted(),
                    event.granted() ? event.municipality() : residence, integrationIncome, equivalentIncome,
                    event.birthYear(), event.unaccompaniedMinor(), integrationProject);
            case RESIDENCE -> new PersonState(protectedPerson, event.municipality(), integrationIncome,
                    equivalentIncome, birthYear, unaccompaniedMinor, integrationProject);
            case INCOME_SUPPORT -> switch (event.decision()) {
                case REFUSED -> this;
                case GRANTED, STOPPED -> switch (event.supportType()) {
                    case INTEGRATION_INCOME -> new PersonState(protectedPerson, residence, event.granted(),
                            equivalentIncome, birthYear, unaccompaniedMinor,
                            event.granted() && event.integrationProject());
                    case EQUIVALENT_INCOME -> new PersonState(protectedPerson, residence, integrationIncome,
                            event.granted(), birthYear, unaccompaniedMinor, integrationProject);
                };
            };
            case HOUSING_AID, ERASURE -> this;
        };
    }

    public boolean receivesIncomeSupport() {
        return integrationIncome || equivalentIncome;
    }

    public int age(int year) {
        return year - birthYear;
    }
}

package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.person.PersonState;

/** {@code protected_persons}: persons protected on the last day of the period; the whole of the other stocks. */
public final class ProtectedPersons extends PersonCount {

    public static final String ID = "protected_persons";

    public ProtectedPersons() {
        super(IndicatorDefinition.count(ID, Kind.STOCK, "persons",
                names("Beschermde personen", "Personnes protégées", "Protected persons"),
                "Persons under temporary protection on the last day of the period" + BY_RESIDENCE + "."));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson();
    }
}

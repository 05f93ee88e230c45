package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.SubsetOf;
import be.integrationmonitor.indicators.person.PersonState;

/** {@code elderly_persons}: protected persons aged 65 or more; a subset of the protected. */
public final class ElderlyPersons extends PersonCount {


    public ElderlyPersons() {
        super(IndicatorDefinition.count("elderly_persons", Kind.STOCK, "persons",
                names("Personen van 65 jaar of ouder", "Personnes de 65 ans ou plus", "Persons aged 65 or over"),
                "Protected persons aged 65 or more (year of the day minus birth year) on the last day of the "
                        + "period" + BY_RESIDENCE + ".",
                new SubsetOf(ProtectedPersons.ID)));
    }

    @Override
    protected boolean counts(PersonState state, int year) {
        return state.protectedPerson() && state.age(year) >= 65;
    }
}

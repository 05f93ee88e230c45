package be.integrationmonitor.indicators;

import be.integrationmonitor.periods.Granularity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The indicator catalogue (docs/domain.md). */
public final class Catalogue {

    private static final Set<Granularity> ALL = EnumSet.allOf(Granularity.class);
    private static final String BY_RESIDENCE = ", by residence on that day";

    public static final List<IndicatorDefinition> INDICATORS = List.of(
            count("protected_persons", "stock", "persons",
                    "Beschermde personen", "Personnes protégées", "Protected persons",
                    "Persons under temporary protection on the last day of the period" + BY_RESIDENCE + "."),
            count("new_protections", "flow", "persons",
                    "Nieuwe beschermingen", "Nouvelles protections", "New protections",
                    "Persons whose first-ever protection GRANTED falls in the period, by that event's municipality."),
            count("income_support_recipients", "stock", "persons",
                    "Ontvangers van inkomenssteun", "Bénéficiaires d'une aide au revenu", "Income support recipients",
                    "Protected persons receiving income support of any type (leefloon or equivalent leefloon) "
                            + "on the last day of the period" + BY_RESIDENCE + "."),
            count("integration_income_recipients", "stock", "persons",
                    "Leefloners", "Bénéficiaires du revenu d'intégration", "Integration income recipients",
                    "Protected persons receiving the integration income (leefloon / revenu d'intégration) "
                            + "on the last day of the period" + BY_RESIDENCE + "."),
            count("integration_projects", "stock", "persons",
                    "Leefloners met GPMI", "Bénéficiaires du revenu d'intégration avec PIIS",
                    "Integration income recipients with an integration project",
                    "Protected persons receiving the integration income whose latest grant came with an "
                            + "individualised social integration project (GPMI / PIIS), on the last day of the "
                            + "period" + BY_RESIDENCE + ". From v2 of IncomeSupportDecided; earlier decisions "
                            + "count as without a project."),
            count("equivalent_income_recipients", "stock", "persons",
                    "Ontvangers van equivalent leefloon", "Bénéficiaires de l'aide sociale équivalente",
                    "Equivalent income recipients",
                    "Protected persons receiving the equivalent income (equivalent leefloon / aide sociale "
                            + "équivalente) on the last day of the period" + BY_RESIDENCE + "."),
            new IndicatorDefinition("income_support_rate", "ratio", "%",
                    names("Aandeel met inkomenssteun", "Taux d'aide au revenu", "Income support rate"),
                    "100 × income_support_recipients / protected_persons, one decimal.",
                    DisclosureRule.RATIO, 1, ALL),
            count("housing_aid_grants", "flow", "grants",
                    "Toekenningen huisvestingssteun", "Octrois d'aide au logement", "Housing aid grants",
                    "Number of housing aid grants (HousingAidGranted) in the period, by the event's municipality."),
            new IndicatorDefinition("housing_aid_amount_eur", "flow", "EUR",
                    names("Bedrag huisvestingssteun", "Montant de l'aide au logement", "Housing aid amount"),
                    "Sum of the housing aid granted in the period, in euro, two decimals, by the event's municipality.",
                    DisclosureRule.AMOUNT, 2, ALL),
            new IndicatorDefinition("housing_aid_grants_4w", "rolling", "grants",
                    names("Toekenningen huisvestingssteun (4 weken)", "Octrois d'aide au logement (4 semaines)",
                            "Housing aid grants (4 weeks)"),
                    "Weeks only: housing_aid_grants summed over the 4 ISO weeks ending with the period.",
                    DisclosureRule.COUNT, 0, EnumSet.of(Granularity.WEEK)),
            count("unaccompanied_minors", "stock", "persons",
                    "Niet-begeleide minderjarigen", "Mineurs non accompagnés", "Unaccompanied minors",
                    "Protected persons flagged unaccompanied minor and aged under 18 on the last day of the period"
                            + BY_RESIDENCE + "."),
            count("elderly_persons", "stock", "persons",
                    "Personen van 65 jaar of ouder", "Personnes de 65 ans ou plus", "Persons aged 65 or over",
                    "Protected persons aged 65 or more (year of the day minus birth year) on the last day of the "
                            + "period" + BY_RESIDENCE + "."),
            new IndicatorDefinition("median_days_to_income_support", "flow", "days",
                    names("Mediaan aantal dagen tot inkomenssteun", "Nombre médian de jours jusqu'à l'aide au revenu",
                            "Median days to income support"),
                    "For persons whose first-ever income-support GRANTED falls in the period: the median number of "
                            + "days from their first-ever protection GRANTED to it, by residence on that day; persons "
                            + "without an earlier protection are left out; with an even count, the mean of the two "
                            + "middle values; one decimal.",
                    DisclosureRule.MEDIAN, 1, ALL));

    private Catalogue() {
    }

    public static Optional<IndicatorDefinition> byId(String id) {
        return INDICATORS.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private static IndicatorDefinition count(String id, String kind, String unit, String nl, String fr, String en,
                                             String definition) {
        return new IndicatorDefinition(id, kind, unit, names(nl, fr, en), definition, DisclosureRule.COUNT, 0, ALL);
    }

    private static Map<String, String> names(String nl, String fr, String en) {
        return Map.of("nl", nl, "fr", fr, "en", en);
    }
}

package be.integrationmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import be.integrationmonitor.geo.GeoUnits;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synthetic feed, without a stack: deterministic, valid, complete, and each event owned by its partner. */
class SyntheticFeedTest {

    private static final LocalDate FROM = LocalDate.of(2022, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 12, 31);
    private static final SyntheticFeed FEED = new SyntheticFeed(7, FROM, TO);
    private static final List<PartnerEvent> EVENTS = FEED.persons(0, 2_000);

    @Test
    void aSeedAlwaysGivesTheSamePersonsAndEventIds() {
        assertThat(new SyntheticFeed(7, FROM, TO).persons(0, 2_000)).isEqualTo(EVENTS);
        assertThat(FEED.person(1_234)).isEqualTo(EVENTS.stream()
                .filter(e -> e.event().get("nationalNumber").equals(FEED.person(1_234).get(0).event().get("nationalNumber")))
                .toList());
        assertThat(new SyntheticFeed(8, FROM, TO).persons(0, 10)).isNotEqualTo(FEED.persons(0, 10));
        assertThat(EVENTS.stream().map(e -> e.event().get("eventId")).distinct().count()).isEqualTo(EVENTS.size());
    }

    @Test
    void everyNationalNumberIsValidIncludingTheBornIn2000sVariant() {
        Set<String> numbers = EVENTS.stream().map(e -> (String) e.event().get("nationalNumber")).collect(Collectors.toSet());
        assertThat(numbers).hasSize(2_000).allMatch(SyntheticFeedTest::validNationalNumber);
        assertThat(EVENTS).anyMatch(e -> bornIn2000s(e) && !classicCheck((String) e.event().get("nationalNumber")));
    }

    @Test
    void everyEventTypeIsThereAndAboutHalfThePersonsGetIncomeSupport() {
        assertThat(EVENTS.stream().map(PartnerEvent::type).distinct()).containsExactlyInAnyOrder(
                "ProtectionStatusChanged", "ResidenceChanged", "IncomeSupportDecided", "HousingAidGranted",
                "ReceptionPlacementChanged");
        Map<Object, List<Object>> decisions = EVENTS.stream().filter(e -> e.type().equals("IncomeSupportDecided"))
                .collect(Collectors.groupingBy(e -> e.event().get("decision"),
                        Collectors.mapping(e -> e.event().get("supportType"), Collectors.toList())));
        assertThat(decisions.keySet()).containsExactlyInAnyOrder("GRANTED", "STOPPED", "REFUSED");
        assertThat(decisions.values()).allSatisfy(types -> assertThat(types)
                .contains("INTEGRATION_INCOME", "EQUIVALENT_INCOME"));
        long supported = EVENTS.stream().filter(e -> e.type().equals("IncomeSupportDecided"))
                .map(e -> e.event().get("nationalNumber")).distinct().count();
        assertThat(supported).isBetween(800L, 1_100L);
        assertThat(EVENTS).anyMatch(e -> "ENDED".equals(e.event().get("status")));
        assertThat(EVENTS).allSatisfy(e -> assertThat(e.effectiveDate()).isBetween(FROM, TO));
    }

    @Test
    void eachEventIsPublishedByThePartnerThatOwnsIt() {
        assertThat(EVENTS).allSatisfy(e -> {
            String municipality = (String) e.event().get("municipality");
            assertThat(GeoUnits.get().isMunicipality(municipality)).isTrue();
            assertThat(e.partner()).isEqualTo(switch (e.type()) {
                case "ProtectionStatusChanged" -> "immigration-office";
                case "ResidenceChanged" -> "municipality-" + municipality;
                case "IncomeSupportDecided", "HousingAidGranted" -> "ocmw-" + municipality;
                default -> "fedasil";
            });
        });
        assertThat(SyntheticFeed.token("ocmw-44021")).isEqualTo("dev-ocmw-44021");
        assertThat(SyntheticFeed.token(SyntheticFeed.IMMIGRATION_OFFICE)).isEqualTo(SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
    }

    @Test
    void brusselsAndTheBigCitiesGetTheMostProtections() {
        Map<Object, Long> grants = EVENTS.stream().filter(e -> "GRANTED".equals(e.event().get("status")))
                .collect(Collectors.groupingBy(e -> e.event().get("municipality"), Collectors.counting()));
        List<Object> top = grants.entrySet().stream().sorted(Map.Entry.<Object, Long>comparingByValue().reversed())
                .limit(3).map(Map.Entry::getKey).toList();
        assertThat(top).containsAnyOf("21004", "11002").allMatch(code -> Set.of("21004", "11002", "44021", "62063",
                "21001", "21015", "52011").contains(code));
    }

    /** docs/domain.md: 97 - (first nine mod 97), or for those born 2000+ over 2 followed by the nine. */
    private static boolean validNationalNumber(String number) {
        return number.matches("\\d{11}") && (classicCheck(number)
                || 97 - (Long.parseLong("2" + number.substring(0, 9)) % 97) == Long.parseLong(number.substring(9)));
    }

    private static boolean classicCheck(String number) {
        return 97 - (Long.parseLong(number.substring(0, 9)) % 97) == Long.parseLong(number.substring(9));
    }

    private static boolean bornIn2000s(PartnerEvent event) {
        return "ProtectionStatusChanged".equals(event.type()) && (int) event.event().get("birthYear") >= 2000;
    }
}

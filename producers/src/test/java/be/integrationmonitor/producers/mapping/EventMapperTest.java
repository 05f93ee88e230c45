package be.integrationmonitor.producers.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerKind;
import be.integrationmonitor.producers.pseudonym.Pseudonymiser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    private static final String NUMBER = "850730033" + String.format("%02d", 97 - 850730033L % 97);
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(Base64.getEncoder().encodeToString(new byte[32]));
    private final EventMapper mapper = new EventMapper(pseudonymiser, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Partner immigrationOffice = new Partner("immigration-office", PartnerKind.IMMIGRATION_OFFICE,
            Optional.empty(), Set.of("ProtectionStatusChanged"));

    private ObjectNode protection() {
        ObjectNode event = json.createObjectNode();
        event.put("type", "ProtectionStatusChanged");
        event.put("eventId", "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f");
        event.put("nationalNumber", NUMBER.substring(0, 6) + "-" + NUMBER.substring(6));
        event.put("effectiveDate", "2024-03-10");
        event.put("municipality", "21004");
        event.put("status", "GRANTED");
        event.put("birthYear", 1985);
        event.put("sex", "F");
        event.put("unaccompaniedMinor", false);
        return event;
    }

    @Test
    void mapsAValidEventAndReplacesTheNationalNumberByItsPseudonym() {
        MappingResult result = mapper.map(protection(), immigrationOffice);
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        ProtectionStatusChanged event = (ProtectionStatusChanged) ((MappingResult.Mapped) result).event();
        assertThat(event.getPersonRef()).isEqualTo(pseudonymiser.personRef(NUMBER));
        assertThat(event.getPartnerId()).isEqualTo("immigration-office");
        assertThat(event.getEffectiveDate()).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(event.getRecordedAt()).as("defaults to now").isEqualTo(NOW);
        assertThat(event.getStatus()).isEqualTo(ProtectionStatus.GRANTED);
        assertThat(event.toString()).doesNotContain(NUMBER);
    }

    @Test
    void reportsEveryWrongFieldWithoutEchoingValues() {
        ObjectNode event = protection();
        event.put("nationalNumber", "12345678901");
        event.put("municipality", "99999");
        event.put("status", "MAYBE");
        event.remove("birthYear");
        event.put("sex", 3);
        event.put("effectiveDate", "2021-12-31");
        event.put("eventId", "not-a-uuid");
        event.put("nickname", "x");
        MappingResult.Rejected rejected = (MappingResult.Rejected) mapper.map(event, immigrationOffice);
        assertThat(rejected.forbidden()).isFalse();
        assertThat(rejected.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "nationalNumber", "municipality", "status", "birthYear", "sex", "effectiveDate", "eventId", "nickname");
        assertThat(rejected.errors().toString()).doesNotContain("12345678901", "99999", "MAYBE", "not-a-uuid");
    }

    @Test
    void refusesFutureDatesBeyondAYearAfterRecording() {
        ObjectNode event = protection();
        event.put("recordedAt", "2024-01-01T09:00:00+01:00");
        event.put("effectiveDate", "2024-12-31");
        assertThat(mapper.map(event, immigrationOffice)).isInstanceOf(MappingResult.Mapped.class);
        event.put("effectiveDate", "2025-01-02");
        assertThat(((MappingResult.Rejected) mapper.map(event, immigrationOffice)).errors())
                .extracting(FieldError::field).containsExactly("effectiveDate");
    }

    @Test
    void aPartnerPublishesOnlyItsOwnTypesForItsOwnMunicipality() {
        Partner ocmwGent = new Partner("ocmw-44021", PartnerKind.OCMW, Optional.of("44021"),
                Set.of("ProtectionStatusChanged"));
        MappingResult.Rejected otherMunicipality = (MappingResult.Rejected) mapper.map(protection(), ocmwGent);
        assertThat(otherMunicipality.forbidden()).isTrue();
        assertThat(otherMunicipality.errors()).extracting(FieldError::field).containsExactly("municipality");

        ObjectNode housing = protection();
        housing.put("type", "HousingAidGranted");
        MappingResult.Rejected otherType = (MappingResult.Rejected) mapper.map(housing, immigrationOffice);
        assertThat(otherType.forbidden()).isTrue();
        assertThat(otherType.errors()).extracting(FieldError::field).containsExactly("type");
    }

    @Test
    void refusesAPseudonymOrAnUnknownTypeInTheBody() {
        ObjectNode event = protection();
        event.put("personRef", "abc");
        assertThat(((MappingResult.Rejected) mapper.map(event, immigrationOffice)).errors())
                .extracting(FieldError::field).containsExactly("personRef");
        event.put("type", "Unknown");
        assertThat(((MappingResult.Rejected) mapper.map(event, immigrationOffice)).errors())
                .extracting(FieldError::field).containsExactly("type");
        assertThat(((MappingResult.Rejected) mapper.map(json.createArrayNode(), immigrationOffice)).errors())
                .hasSize(1);
    }
}

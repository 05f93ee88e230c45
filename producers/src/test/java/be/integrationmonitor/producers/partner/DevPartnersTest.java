package be.integrationmonitor.producers.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevPartnersTest {

    private static final PartnerConfig NO_CONFIGURED_PARTNERS = Map::of;

    @Test
    void coversEveryPartnerOfTheReferenceDataWithDocumentedTokens() {
        PartnerRegistry registry = new PartnerRegistry(NO_CONFIGURED_PARTNERS, true, List.of("local"));
        assertThat(registry.all()).hasSize(2 + 2 * 565);
        Partner ocmwGent = registry.authenticate("Bearer dev-ocmw-44021").orElseThrow();
        assertThat(ocmwGent.id()).isEqualTo("ocmw-44021");
        assertThat(ocmwGent.municipality()).contains("44021");
        assertThat(ocmwGent.eventTypes()).containsExactlyInAnyOrder("IncomeSupportDecided", "HousingAidGranted");
        assertThat(registry.authenticate("Bearer dev-municipality-21004").map(Partner::eventTypes).orElseThrow())
                .containsExactly("ResidenceChanged");
        assertThat(registry.authenticate("Bearer dev-immigration-office").map(Partner::municipality))
                .contains(Optional.empty());
        assertThat(registry.authenticate("Bearer dev-fedasil").map(Partner::kind)).contains(PartnerKind.RECEPTION);
        assertThat(registry.authenticate("Bearer dev-ocmw-99999")).isEmpty();
    }

    @Test
    void refusesToLoadOutsideTheLocalAndDevProfiles() {
        assertThatThrownBy(() -> new PartnerRegistry(NO_CONFIGURED_PARTNERS, true, List.of("prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused in profile [prod]");
        assertThat(new PartnerRegistry(NO_CONFIGURED_PARTNERS, false, List.of("prod")).all()).isEmpty();
    }
}

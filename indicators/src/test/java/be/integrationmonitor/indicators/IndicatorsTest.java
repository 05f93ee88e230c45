package be.integrationmonitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndicatorsTest {

    @Test
    void theEngineComputesExactlyTheCatalogue() {
        assertThat(Indicators.ALL).extracting(Indicator::id)
                .containsExactlyInAnyOrderElementsOf(Catalogue.INDICATORS.stream().map(IndicatorDefinition::id).toList());
    }
}

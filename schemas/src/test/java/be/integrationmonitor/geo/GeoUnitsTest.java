package be.integrationmonitor.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeoUnitsTest {

    private final GeoUnits geo = GeoUnits.get();

    @Test
    void holdsTheReferenceDataLevels() {
        assertThat(geo.ofLevel(GeoLevel.MUNICIPALITY)).hasSize(565);
        assertThat(geo.ofLevel(GeoLevel.REGION)).extracting(GeoUnit::code).containsExactlyInAnyOrder("02000", "03000", "04000");
        // ten provinces, and Brussels standing in for one
        assertThat(geo.ofLevel(GeoLevel.PROVINCE)).hasSize(11).extracting(GeoUnit::code).contains("04000", "40000");
        assertThat(geo.ofLevel(GeoLevel.COUNTRY)).extracting(GeoUnit::code).containsExactly("01000");
    }

    @Test
    void municipalitiesRollUpThroughTheirProvinceAndRegion() {
        assertThat(geo.rollUp("44021")).containsExactly("44021", "40000", "02000", "01000");
        assertThat(geo.rollUp("62063")).containsExactly("62063", "60000", "03000", "01000");
        assertThat(geo.rollUp("21004")).containsExactly("21004", "04000", "01000");
        assertThat(geo.unit("21004")).get().extracting(GeoUnit::nameFr).isEqualTo("Bruxelles");
        assertThat(geo.isMunicipality("99999")).isFalse();
        assertThat(geo.isMunicipality("40000")).isFalse();
    }
}

package be.integrationmonitor.indicators.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.Indicator;
import be.integrationmonitor.indicators.keys.IndicatorKeys.CellKey;
import be.integrationmonitor.indicators.keys.IndicatorKeys.SeriesKey;
import be.integrationmonitor.indicators.keys.IndicatorKeys.StepDelta;
import be.integrationmonitor.indicators.keys.IndicatorKeys.StepKey;
import be.integrationmonitor.periods.Granularity;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Every key format reads back what was written, and is written today as Kafka topics and state
 * stores already hold it.
 */
class IndicatorKeysTest {

    @Test
    void theKeysAreWrittenAsTopicsAndStoresHoldThem() {
        String column = IndicatorKeys.column("protected_persons", Granularity.MONTH);
        String series = IndicatorKeys.series(column, "21004");
        assertThat(column).isEqualTo("protected_persons/month");
        assertThat(series).isEqualTo("protected_persons/month/21004");
        assertThat(IndicatorKeys.cell(series, "2024-03")).isEqualTo("protected_persons/month/21004/2024-03");
        assertThat(IndicatorKeys.cell(IndicatorKeys.series(IndicatorKeys.column("income_support_rate",
                Granularity.WEEK), "01000"), "2024-W05")).isEqualTo("income_support_rate/week/01000/2024-W05");
        assertThat(IndicatorKeys.step(new StepKey("protected_persons/week/21004", "", 123)))
                .isEqualTo("protected_persons/week/21004||000123");
        assertThat(IndicatorKeys.step(new StepKey("income_support_rate/month/44021", "n", 1_234_567)))
                .isEqualTo("income_support_rate/month/44021|n|1234567");
        StringBuilder steps = new StringBuilder();
        IndicatorKeys.appendStep(steps, "21004", "", 12, 1);
        IndicatorKeys.appendStep(steps, "44021", "d3", 130, -1);
        assertThat(steps).hasToString("21004||12|1;44021|d3|130|-1");
        assertThat(IndicatorKeys.through(Granularity.WEEK)).isEqualTo("#through/week");
    }

    @Test
    void theKeysHeldTodayReadAsTheyWereMeant() {
        assertThat(IndicatorKeys.parseSeries("protected_persons/month/21004"))
                .isEqualTo(new SeriesKey("protected_persons", Granularity.MONTH, "21004"));
        assertThat(IndicatorKeys.parseCell("protected_persons/month/21004/2024-03"))
                .isEqualTo(new CellKey("protected_persons", "month", "21004", "2024-03"));
        assertThat(IndicatorKeys.parseStep("protected_persons/week/21004||000123"))
                .isEqualTo(new StepKey("protected_persons/week/21004", "", 123));
        assertThat(IndicatorKeys.parseSteps("21004||12|1;44021|d3|130|-1")).containsExactly(
                new StepDelta("21004", "", 12, 1), new StepDelta("44021", "d3", 130, -1));
        assertThat(IndicatorKeys.isThrough("#through/month")).isTrue();
    }

    @Property(tries = 300)
    void aSeriesReadsBackWithItsColumnGeoAndGranularity(@ForAll("indicators") String indicator,
                                                        @ForAll Granularity granularity, @ForAll("geos") String geo) {
        String column = IndicatorKeys.column(indicator, granularity);
        String series = IndicatorKeys.series(column, geo);
        assertThat(IndicatorKeys.parseSeries(series)).isEqualTo(new SeriesKey(indicator, granularity, geo));
        assertThat(IndicatorKeys.columnOf(series)).isEqualTo(column);
        assertThat(IndicatorKeys.geoOf(series)).isEqualTo(geo);
        for (Granularity other : Granularity.values()) {
            assertThat(IndicatorKeys.isOf(series, other)).isEqualTo(other == granularity);
        }
        assertThat(IndicatorKeys.isThrough(series)).isFalse();
    }

    @Property(tries = 300)
    void aCellReadsBack(@ForAll("indicators") String indicator, @ForAll Granularity granularity,
                        @ForAll("geos") String geo, @ForAll("days") LocalDate day) {
        String period = granularity.label(day);
        String series = IndicatorKeys.series(IndicatorKeys.column(indicator, granularity), geo);
        String cell = IndicatorKeys.cell(series, period);
        assertThat(IndicatorKeys.parseCell(cell)).isEqualTo(new CellKey(indicator, granularity.id(), geo, period));
        assertThatThrownBy(() -> IndicatorKeys.parseCell(IndicatorKeys.columnOf(cell)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndicatorKeys.parseCell(IndicatorKeys.cell(cell, period)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void aStepReadsBackAndASeriesComponentsStepsSortByPeriod(
            @ForAll("indicators") String indicator, @ForAll Granularity granularity, @ForAll("geos") String geo,
            @ForAll("components") String component, @ForAll @IntRange(min = 0) int period,
            @ForAll @IntRange(max = 999_999) int earlier, @ForAll @IntRange(max = 999_999) int later) {
        String series = IndicatorKeys.series(IndicatorKeys.column(indicator, granularity), geo);
        StepKey step = new StepKey(series, component, period);
        assertThat(IndicatorKeys.parseStep(IndicatorKeys.step(step))).isEqualTo(step);
        int order = IndicatorKeys.step(new StepKey(series, component, earlier))
                .compareTo(IndicatorKeys.step(new StepKey(series, component, later)));
        assertThat(Integer.signum(order)).isEqualTo(Integer.compare(earlier, later));
    }

    @Property(tries = 300)
    void anEventsStepsReadBackInOrder(@ForAll @Size(min = 1, max = 20) List<@From("stepDeltas") StepDelta> steps) {
        StringBuilder value = new StringBuilder();
        steps.forEach(s -> IndicatorKeys.appendStep(value, s.municipality(), s.component(), s.period(), s.delta()));
        assertThat(IndicatorKeys.parseSteps(value.toString())).isEqualTo(steps);
    }

    @Test
    void eachGranularityHasItsOwnLastPeriodEmitted() {
        List<String> throughs = Stream.of(Granularity.values()).map(IndicatorKeys::through).toList();
        assertThat(throughs).doesNotHaveDuplicates().allMatch(IndicatorKeys::isThrough);
    }

    /** The catalogue's ids, and any id as they are written: lower case, digits and underscores. */
    @Provide
    Arbitrary<String> indicators() {
        return Arbitraries.oneOf(Arbitraries.of(Catalogue.INDICATORS.stream().map(Indicator::id).toList()),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_').ofMinLength(1).ofMaxLength(40));
    }

    /** Belgium's units of every level, and any NIS-like code. */
    @Provide
    Arbitrary<String> geos() {
        return Arbitraries.oneOf(Arbitraries.of(GeoUnits.get().all().stream().map(GeoUnit::code).toList()),
                Arbitraries.strings().numeric().ofLength(5));
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs()
                .between(LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2200, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    /** A plain count's empty component, the ratios' and amounts', a median's histogram days, and others. */
    @Provide
    Arbitrary<String> components() {
        return Arbitraries.oneOf(Arbitraries.of("", "n", "d", "cents"),
                Arbitraries.integers().between(0, 10_000).map(days -> "d" + days),
                Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMaxLength(12));
    }

    @Provide
    Arbitrary<StepDelta> stepDeltas() {
        return Combinators.combine(geos(), components(), Arbitraries.integers().greaterOrEqual(0), Arbitraries.longs())
                .as(StepDelta::new);
    }
}

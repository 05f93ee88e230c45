package be.integrationmonitor.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class GranularityTest {

    @Test
    void isoWeeksCrossYearBoundaries() {
        assertThat(Granularity.WEEK.label(LocalDate.of(2021, 1, 3))).isEqualTo("2020-W53");
        assertThat(Granularity.WEEK.label(LocalDate.of(2021, 1, 4))).isEqualTo("2021-W01");
        assertThat(Granularity.WEEK.label(LocalDate.of(2024, 12, 30))).isEqualTo("2025-W01");
        assertThat(Granularity.WEEK.lastDay(LocalDate.of(2023, 4, 3))).isEqualTo(LocalDate.of(2023, 4, 9));
        assertThat(Granularity.MONTH.lastDay(LocalDate.of(2024, 2, 10))).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void labelsParseBackToTheirLastDay() {
        for (LocalDate day = LocalDate.of(2022, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
            for (Granularity granularity : Granularity.values()) {
                assertThat(granularity.parse(granularity.label(day))).isEqualTo(granularity.lastDay(day));
            }
        }
    }

    @Test
    void thePreviousPeriodEndsTheDayBeforeTheFirstDayOfTheCurrentOne() {
        for (LocalDate day = LocalDate.of(2019, 12, 1); day.isBefore(LocalDate.of(2027, 2, 1)); day = day.plusDays(1)) {
            for (Granularity granularity : Granularity.values()) {
                LocalDate before = day;
                while (granularity.label(before).equals(granularity.label(day))) {
                    before = before.minusDays(1);
                }
                assertThat(granularity.previousLastDay(day)).as("%s %s", granularity, day).isEqualTo(before);
            }
        }
        assertThat(Granularity.WEEK.label(LocalDate.of(2026, 3, 2))).isEqualTo("2026-W10");
        assertThat(Granularity.MONTH.label(LocalDate.of(2026, 3, 2))).isEqualTo("2026-03");
    }

    @Test
    void labelsListEveryPeriodBetweenTwoDays() {
        assertThat(Granularity.MONTH.labels(LocalDate.of(2023, 11, 30), LocalDate.of(2024, 2, 1)))
                .containsExactly("2023-11", "2023-12", "2024-01", "2024-02");
        assertThat(Granularity.WEEK.labels(LocalDate.of(2020, 12, 28), LocalDate.of(2021, 1, 11)))
                .containsExactly("2020-W53", "2021-W01", "2021-W02");
    }

    @Test
    void rejectsWhatIsNotAPeriod() {
        assertThatThrownBy(() -> Granularity.WEEK.parse("2021-W53")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Granularity.WEEK.parse("2021-04")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Granularity.MONTH.parse("2021-13")).isInstanceOf(DateTimeParseException.class);
        assertThat(Granularity.byId("day")).isEmpty();
    }
}

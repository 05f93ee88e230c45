package be.integrationmonitor.indicators.period;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.periods.Granularity;
import org.junit.jupiter.api.Test;

class PeriodAxisTest {

    @Test
    void keptLabelsAreTheGranularitysLabelsOfEachPeriod() {
        PeriodAxis weeks = PeriodAxis.of(Granularity.WEEK);
        PeriodAxis months = PeriodAxis.of(Granularity.MONTH);
        assertThat(weeks.label(0)).isEqualTo("2021-W52");
        assertThat(months.label(0)).isEqualTo("2022-01");
        for (int index : new int[] {300, 1, 64, 63, 65, 9_999, 10_001, -1}) {
            assertThat(weeks.label(index)).as("week %d", index).isEqualTo(Granularity.WEEK.label(weeks.lastDay(index)));
            assertThat(months.label(index)).as("month %d", index).isEqualTo(Granularity.MONTH.label(months.lastDay(index)));
        }
        assertThat(weeks.label(weeks.index(java.time.LocalDate.of(2024, 3, 6)))).isEqualTo("2024-W10");
    }
}

package be.integrationmonitor.periods;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Periods of the indicators, from a calendar date without time zones: ISO weeks ({@code 2023-W14},
 * Monday to Sunday) and months ({@code 2023-04}). A period is identified by its last day.
 */
public enum Granularity {
    WEEK {
        @Override
        public LocalDate lastDay(LocalDate day) {
            return day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        }

        @Override
        public LocalDate previousLastDay(LocalDate day) {
            return lastDay(day).minusWeeks(1);
        }

        @Override
        public String label(LocalDate day) {
            int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            return day.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
        }
    },
    MONTH {
        @Override
        public LocalDate lastDay(LocalDate day) {
            return YearMonth.from(day).atEndOfMonth();
        }

        @Override
        public LocalDate previousLastDay(LocalDate day) {
            return day.withDayOfMonth(1).minusDays(1);
        }

        @Override
        public String label(LocalDate day) {
            return YearMonth.from(day).format(YEAR_MONTH);
        }
    };

    /** Formatters are immutable and thread-safe: built once (building one per call cost a third of a cached answer). */
    private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The last day of the period holding {@code day}. */
    public abstract LocalDate lastDay(LocalDate day);

    /** The last day of the period before the one holding {@code day}. */
    public abstract LocalDate previousLastDay(LocalDate day);

    /** The period holding {@code day}, as the API writes it. */
    public abstract String label(LocalDate day);

    /** The last day of the period after the one ending on {@code lastDay}. */
    public LocalDate nextLastDay(LocalDate lastDay) {
        return lastDay(lastDay.plusDays(1));
    }

    /** The periods from the one holding {@code from} to the one holding {@code to}, as labels. */
    public List<String> labels(LocalDate from, LocalDate to) {
        List<String> labels = new ArrayList<>();
        for (LocalDate day = lastDay(from); !day.isAfter(lastDay(to)); day = nextLastDay(day)) {
            labels.add(label(day));
        }
        return labels;
    }

    /** The last day of a period written as the API writes it, e.g. {@code 2023-W14} or {@code 2023-04}. */
    public LocalDate parse(String label) {
        if (this == MONTH) {
            return YearMonth.parse(label, YEAR_MONTH).atEndOfMonth();
        }
        Matcher m = ISO_WEEK.matcher(label);
        if (!m.matches()) {
            throw new DateTimeParseException("not an ISO week like 2023-W14", label, 0);
        }
        LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2)));
        if (!label(day).equals(label)) {
            throw new DateTimeParseException("no such ISO week", label, 0);
        }
        return lastDay(day);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Granularity> byId(String id) {
        for (Granularity granularity : values()) {
            if (granularity.id().equals(id)) {
                return Optional.of(granularity);
            }
        }
        return Optional.empty();
    }
}

package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.Indicator;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.release.ReleaseCalendar;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Query and path parameters, checked; each failure names its parameter (problem+json). */
final class Params {

    static final String LATEST = "latest";
    /** The most periods one series answer holds (about 19 years of weeks); a wider range is refused. */
    static final int MAX_PERIODS = 1_000;
    /** No indicator has a value before: the engine counts nothing that took effect earlier. */
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 1, 1);

    private Params() {
    }

    static IndicatorDefinition indicator(String id) {
        return Catalogue.byId(id).map(Indicator::definition).orElseThrow(() ->
                ApiException.notFound("id", "no indicator with this id; see GET /v1/indicators"));
    }

    static GeoUnit geo(String code) {
        if (code == null) {
            throw ApiException.badRequest("geo", "required: the NIS code of a geo unit, e.g. 21004");
        }
        return GeoUnits.get().unit(code).orElseThrow(() ->
                ApiException.notFound("geo", "no geo unit with this NIS code; see GET /v1/geo"));
    }

    static GeoLevel level(String id) {
        return GeoLevel.byId(id).orElseThrow(() ->
                ApiException.badRequest("level", "must be municipality, province, region or country"));
    }

    static Granularity granularity(String id) {
        return Granularity.byId(id).orElseThrow(() -> ApiException.badRequest("granularity", "must be week or month"));
    }

    static void available(IndicatorDefinition indicator, Granularity granularity) {
        if (!indicator.granularities().contains(granularity)) {
            throw ApiException.badRequest("granularity", "this indicator does not exist for this granularity");
        }
    }

    /** The last day of the period a label names. */
    static LocalDate period(Granularity granularity, String parameter, String label) {
        try {
            return granularity.parse(label);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(parameter,
                    granularity == Granularity.WEEK ? "must be an ISO week like 2023-W14" : "must be a month like 2023-04");
        }
    }

    /**
     * A period label, or {@code latest}: the last complete period, the one that ended before today;
     * for the public, the last released one. A period before the first with data or after the
     * current one is refused (it has no values), and so is, for the public, one not yet released.
     */
    static String periodOrLatest(Granularity granularity, String label, Viewer viewer, ReleaseCalendar calendar) {
        LocalDate today = calendar.today();
        if (LATEST.equals(label)) {
            return granularity.label(viewer == Viewer.PUBLIC ? calendar.lastReleased(granularity)
                    : granularity.previousLastDay(today));
        }
        LocalDate day = period(granularity, "period", label);
        if (day.isBefore(FIRST_DAY) || day.isAfter(granularity.lastDay(today))) {
            throw ApiException.badRequest("period", "must be between " + granularity.label(FIRST_DAY)
                    + " and the current period " + granularity.label(today));
        }
        if (viewer == Viewer.PUBLIC && !calendar.released(day)) {
            throw ApiException.badRequest("period", "not released yet: the public sees this period from "
                    + calendar.releaseDay(day) + " (docs/api.md, releases); the latest released is "
                    + granularity.label(calendar.lastReleased(granularity)));
        }
        return granularity.label(day);
    }

    /**
     * The periods of a series, {@code from} and {@code to} clamped to the periods that can hold data
     * (from the first with data, or 2022, to the current one; for the public, to the last released
     * one); refused beyond {@link #MAX_PERIODS}.
     */
    static List<String> periods(Granularity granularity, Optional<String> firstWithData, String from, String to,
                                Viewer viewer, ReleaseCalendar calendar) {
        LocalDate last = viewer == Viewer.PUBLIC ? calendar.lastReleased(granularity)
                : granularity.lastDay(calendar.today());
        LocalDate first = firstWithData.map(granularity::parse).orElse(last);
        LocalDate start = from == null ? first : max(period(granularity, "from", from), FIRST_DAY);
        LocalDate end = to == null ? last : min(period(granularity, "to", to), last);
        if (start.isAfter(end)) {
            return List.of();
        }
        ChronoUnit unit = granularity == Granularity.WEEK ? ChronoUnit.WEEKS : ChronoUnit.MONTHS;
        if (unit.between(start, end) >= MAX_PERIODS) {
            throw ApiException.badRequest("from", "at most " + MAX_PERIODS + " periods per answer: narrow from and to");
        }
        return granularity.labels(start, end);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}

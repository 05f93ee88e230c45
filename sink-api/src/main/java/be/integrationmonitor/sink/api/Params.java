package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Query and path parameters, checked; each failure names its parameter (problem+json). */
final class Params {

    static final String LATEST = "latest";
    private static final ZoneId BELGIUM = ZoneId.of("Europe/Brussels");

    private Params() {
    }

    static IndicatorDefinition indicator(String id) {
        return Catalogue.byId(id).orElseThrow(() ->
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

    /** A period label, or {@code latest}: the last complete period, the one that ended before today. */
    static String periodOrLatest(Granularity granularity, String label) {
        if (!LATEST.equals(label)) {
            return granularity.label(period(granularity, "period", label));
        }
        return granularity.label(granularity.previousLastDay(today()));
    }

    static LocalDate today() {
        return LocalDate.now(BELGIUM);
    }
}

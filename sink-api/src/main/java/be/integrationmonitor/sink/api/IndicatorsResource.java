package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.state.IndicatorState;
import be.integrationmonitor.sink.state.SeriesKey;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The indicator series. */
@Path("/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorsResource {

    private final IndicatorState state;
    private final Clock clock = Clock.systemUTC();

    public IndicatorsResource(IndicatorState state) {
        this.state = state;
    }

    @GET
    @Path("/{id}")
    public Series series(@PathParam("id") String id, @QueryParam("geo") String geo,
                         @QueryParam("granularity") @DefaultValue("month") String granularityId,
                         @QueryParam("from") String from, @QueryParam("to") String to) {
        if (Catalogue.byId(id).isEmpty()) {
            throw new ApiException(Response.Status.NOT_FOUND, "id", "no indicator with this id; see GET /v1/indicators");
        }
        if (geo == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "geo", "required: the NIS code of a geo unit, e.g. 21004");
        }
        GeoUnit unit = GeoUnits.get().unit(geo).orElseThrow(() ->
                new ApiException(Response.Status.NOT_FOUND, "geo", "no geo unit with this NIS code; see GET /v1/geo"));
        Granularity granularity = Granularity.byId(granularityId).orElseThrow(() ->
                new ApiException(Response.Status.BAD_REQUEST, "granularity", "must be week or month"));
        LocalDate today = LocalDate.now(clock);
        LocalDate first = state.firstPeriod(granularity.id()).map(granularity::parse).orElse(today);
        LocalDate start = from == null ? first : period(granularity, "from", from);
        LocalDate end = to == null ? today : period(granularity, "to", to);
        SeriesKey key = new SeriesKey(id, granularity.id(), geo);
        List<Point> points = granularity.labels(start, end).stream()
                .map(period -> Disclosure.publicPoint(period, state.value(key, period).orElse(null)))
                .toList();
        return new Series(id, geo, unit.level().id(), granularity.id(), points);
    }

    private static LocalDate period(Granularity granularity, String parameter, String label) {
        try {
            return granularity.parse(label);
        } catch (DateTimeParseException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, parameter,
                    granularity == Granularity.WEEK ? "must be an ISO week like 2023-W14" : "must be a month like 2023-04");
        }
    }
}

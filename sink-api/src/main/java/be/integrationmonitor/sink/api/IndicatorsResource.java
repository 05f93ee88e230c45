package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.release.ReleaseCalendar;
import be.integrationmonitor.sink.state.IndicatorState;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The catalogue and the series of one indicator. */
@Path("/v1/indicators")
public class IndicatorsResource {

    private final IndicatorState state;
    private final IndicatorViews views;
    private final Access access;
    private final ReleaseCalendar calendar;
    private final Rendered catalogue;

    public IndicatorsResource(IndicatorState state, IndicatorViews views, Access access, ReleaseCalendar calendar,
                              ObjectMapper mapper) {
        this.state = state;
        this.views = views;
        this.access = access;
        this.calendar = calendar;
        this.catalogue = Format.json(mapper, Catalogue.DEFINITIONS.stream().map(CatalogueEntry::of).toList());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The indicator catalogue: id, names (nl, fr, en), kind, unit, precise definition")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CatalogueEntry[].class)))
    public Response catalogue(@Context Request request, @Context HttpHeaders headers) {
        return Answers.respond(request, headers, Viewer.PUBLIC, catalogue);
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Format.TEXT_CSV})
    @Operation(summary = "One indicator for one geo unit over time (JSON, or CSV on Accept: text/csv or format=csv)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Series.class)))
    public Response series(@Context Request request, @Context HttpHeaders headers, @PathParam("id") String id,
                           @Parameter(description = "NIS code, e.g. 21004") @QueryParam("geo") String geo,
                           @QueryParam("granularity") @DefaultValue("month") String granularityId,
                           @Parameter(description = "first period; default: the first with data") @QueryParam("from") String from,
                           @Parameter(description = "last period; default: the current one (public: the last released)") @QueryParam("to") String to,
                           @Parameter(description = "json or csv; default: by Accept") @QueryParam("format") String format,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Viewer viewer = access.viewer(authorization);
        IndicatorDefinition indicator = Params.indicator(id);
        GeoUnit unit = Params.geo(geo);
        Granularity granularity = Params.granularity(granularityId);
        Params.available(indicator, granularity);
        List<String> periods = Params.periods(granularity, state.firstPeriod(granularity.id()), from, to, viewer,
                calendar);
        Format chosen = Format.of(format, headers);
        return Answers.respond(request, headers, viewer,
                views.series(indicator, unit, granularity, periods, viewer, chosen));
    }
}

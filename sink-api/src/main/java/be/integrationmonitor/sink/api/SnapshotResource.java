package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.release.ReleaseCalendar;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Every indicator for every unit of a level in one period: the dashboard's table. */
@Path("/v1/snapshot")
public class SnapshotResource {

    private final IndicatorViews views;
    private final Access access;
    private final ReleaseCalendar calendar;

    public SnapshotResource(IndicatorViews views, Access access, ReleaseCalendar calendar) {
        this.views = views;
        this.access = access;
        this.calendar = calendar;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Format.TEXT_CSV})
    @Operation(summary = "Every indicator for every unit of a level in one period (JSON, or CSV on Accept: text/csv or format=csv)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Snapshot.class)))
    public Uni<Response> snapshot(@Context Request request, @Context HttpHeaders headers,
                             @Parameter(description = "municipality, province, region or country")
                             @QueryParam("level") @DefaultValue("municipality") String levelId,
                             @QueryParam("granularity") @DefaultValue("month") String granularityId,
                             @Parameter(description = "e.g. 2024-03 or 2024-W10; latest: the last complete period (public: the last released)")
                             @QueryParam("period") @DefaultValue(Params.LATEST) String period,
                             @Parameter(description = "json or csv; default: by Accept") @QueryParam("format") String format,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Viewer viewer = access.viewer(authorization);
        GeoLevel level = Params.level(levelId);
        Granularity granularity = Params.granularity(granularityId);
        String periodLabel = Params.periodOrLatest(granularity, period, viewer, calendar);
        Format chosen = Format.of(format, headers);
        // a poll of a kept snapshot is answered on the event loop; a rendering on a worker thread
        Rendered current = views.currentSnapshot(level, granularity, periodLabel, viewer, chosen);
        if (current != null) {
            return Uni.createFrom().item(Answers.respond(request, headers, viewer, current));
        }
        return Uni.createFrom().item(() -> Answers.respond(request, headers, viewer,
                        views.snapshot(level, granularity, periodLabel, viewer, chosen)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

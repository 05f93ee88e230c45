package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoUnits;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The geo units (Statbel REFNIS 2025). */
@Path("/v1/geo")
public class GeoResource {

    private final Rendered units;

    public GeoResource(ObjectMapper mapper) {
        units = Format.json(mapper, GeoUnits.get().all().stream().map(GeoEntry::of).toList());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every municipality, province, region and the country: code, level, names (nl, fr), parent")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GeoEntry[].class)))
    public Response geo(@Context Request request, @Context HttpHeaders headers) {
        return Answers.respond(request, headers, Viewer.PUBLIC, units);
    }
}

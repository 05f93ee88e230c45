package be.integrationmonitor.producers.push;

import be.integrationmonitor.producers.mapping.EventMapper;
import be.integrationmonitor.producers.mapping.MappingResult;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerRegistry;
import be.integrationmonitor.producers.publish.EventPublisher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import be.integrationmonitor.api.FieldError;

/** {@code POST /v1/events}: one JSON event, or NDJSON with one event a line. */
@Path("/v1/events")
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";

    private final PartnerRegistry partners;
    private final EventMapper mapper;
    private final EventPublisher publisher;
    private final ObjectMapper json;

    public EventsResource(PartnerRegistry partners, EventMapper mapper, EventPublisher publisher, ObjectMapper json) {
        this.partners = partners;
        this.mapper = mapper;
        this.publisher = publisher;
        this.json = json;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        Optional<Partner> partner = partners.authenticate(authorization);
        if (partner.isEmpty()) {
            return Response.fromResponse(Problems.response(Response.Status.UNAUTHORIZED,
                    "send your partner token as: Authorization: Bearer <token>"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        List<LineResult> results = new ArrayList<>();
        List<Uni<Void>> writes = new ArrayList<>();
        boolean allForbidden = true;
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        boolean ndjson = contentType != null && contentType.startsWith(NDJSON);
        int lineNumber = 0;
        for (String line = nextEvent(reader, ndjson); line != null; line = ndjson ? nextEvent(reader, true) : null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            MappingResult result = mapper.map(parse(line), partner.get());
            if (result instanceof MappingResult.Mapped mapped) {
                writes.add(publisher.publish(mapped));
                results.add(new LineResult(lineNumber, mapped.eventId(), LineResult.Status.accepted, null));
                allForbidden = false;
            } else if (result instanceof MappingResult.Rejected rejected) {
                results.add(new LineResult(lineNumber, rejected.eventId(), LineResult.Status.rejected, rejected.errors()));
                allForbidden &= rejected.forbidden();
            }
        }
        if (!writes.isEmpty()) {
            Uni.join().all(writes).andFailFast().await().indefinitely();
        }
        long accepted = writes.size();
        if (accepted > 0) {
            return Response.accepted(new PushResult(accepted, results.size() - accepted, results)).build();
        }
        if (results.isEmpty()) {
            return Problems.response(Response.Status.BAD_REQUEST, "the request holds no event");
        }
        List<FieldError> errors = results.size() == 1 ? results.get(0).errors() : null;
        String detail = "no event accepted: " + results.size() + " rejected, see results";
        return allForbidden
                ? Problems.response(403, "Forbidden", detail, errors, results)
                : Problems.response(422, "Unprocessable Content", detail, errors, results);
    }

    /** The next line of NDJSON, or the whole body as one event. */
    private static String nextEvent(BufferedReader reader, boolean ndjson) throws IOException {
        if (ndjson) {
            return reader.readLine();
        }
        StringBuilder whole = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            whole.append(buffer, 0, n);
        }
        return whole.toString();
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

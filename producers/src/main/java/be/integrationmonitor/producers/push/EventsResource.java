package be.integrationmonitor.producers.push;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.intake.BrokerUnavailableException;
import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code POST /v1/events}: one JSON event, or NDJSON with one event a line, read as it arrives. */
@Path("/v1/events")
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";

    private final PartnerRegistry partners;
    private final Intake intake;
    private final ObjectMapper json;
    private final String retryAfterSeconds;

    public EventsResource(PartnerRegistry partners, Intake intake, ObjectMapper json,
                          @ConfigProperty(name = "im.push.retry-after") java.time.Duration retryAfter) {
        this.partners = partners;
        this.intake = intake;
        this.json = json;
        this.retryAfterSeconds = String.valueOf(retryAfter.toSeconds());
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Optional<Partner> partner = partners.authenticate(authorization);
        if (partner.isEmpty()) {
            return Problems.response(Response.Status.UNAUTHORIZED,
                    "send your partner token as: Authorization: Bearer <token>")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        boolean ndjson = contentType != null && contentType.startsWith(NDJSON);
        List<LineResult> results = new ArrayList<>();
        Intake.Outcome outcome;
        try {
            outcome = intake.process(partner.get(), "http", ndjson ? new Lines(reader) : whole(reader), results::add);
        } catch (BrokerUnavailableException e) {
            return Problems.response(503, "Service Unavailable", "events could not be written to Kafka; "
                            + "the lines in results were; re-send the whole request after Retry-After: "
                            + "the others will be answered duplicate", null, sorted(e.acknowledged()))
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
        }
        results.sort(Comparator.comparingInt(LineResult::line));
        if (outcome.accepted() + outcome.duplicates() > 0) {
            return Response.accepted(new PushResult(outcome.accepted(), outcome.duplicates(), outcome.rejected(),
                    results)).build();
        }
        if (results.isEmpty()) {
            return Problems.response(Response.Status.BAD_REQUEST, "the request holds no event").build();
        }
        List<FieldError> errors = results.size() == 1 ? results.get(0).errors() : null;
        String detail = "no event accepted: " + results.size() + " rejected, see results";
        return outcome.allForbidden()
                ? Problems.response(403, "Forbidden", detail, errors, results).build()
                : Problems.response(422, "Unprocessable Content", detail, errors, results).build();
    }

    private static List<LineResult> sorted(List<LineResult> results) {
        return results.stream().sorted(Comparator.comparingInt(LineResult::line)).toList();
    }

    /** The whole body as one event (application/json). */
    private Iterator<Intake.Submission> whole(BufferedReader reader) {
        StringBuilder text = new StringBuilder();
        try {
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().isBlank() ? List.<Intake.Submission>of().iterator()
                : List.of(new Intake.Submission(1, parse(text.toString()))).iterator();
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (JsonProcessingException e) {
            return null; // the mapper reports it; Jackson's message would quote the input
        }
    }

    /** NDJSON lines, parsed one at a time as the body arrives; blank lines are skipped but counted. */
    private final class Lines implements Iterator<Intake.Submission> {
        private final BufferedReader reader;
        private int number;
        private String next;

        Lines(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    String line = reader.readLine();
                    if (line == null) {
                        return false;
                    }
                    number++;
                    if (!line.isBlank()) {
                        next = line;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Intake.Submission next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Intake.Submission submission = new Intake.Submission(number, parse(next));
            next = null;
            return submission;
        }
    }
}

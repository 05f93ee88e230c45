package be.integrationmonitor.producers.push;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.intake.BrokerUnavailableException;
import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /v1/events}: one JSON event, or NDJSON with one event a line, read as it arrives,
 * within {@link PushLimits}.
 */
@Path("/v1/events")
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";

    private final PartnerRegistry partners;
    private final Intake intake;
    private final PushLimits limits;
    private final PartnerQuotas quotas;
    private final ObjectMapper json;
    private final String retryAfterSeconds;

    public EventsResource(PartnerRegistry partners, Intake intake, PushLimits limits, PartnerQuotas quotas,
                          @ConfigProperty(name = "im.push.retry-after") java.time.Duration retryAfter) {
        this.partners = partners;
        this.intake = intake;
        this.limits = limits;
        this.quotas = quotas;
        this.json = limits.reader();
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
        Optional<PartnerQuotas.Admission> admission = quotas.admit(partner.get());
        if (admission.isEmpty()) {
            return Problems.response(429, "Too Many Requests", "partner " + partner.get().id() + " is over its "
                            + "share of requests (rate or requests at once; docs/security.md): retry after Retry-After",
                            null, null)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(quotas.retryAfter(partner.get()))).build();
        }
        try (PartnerQuotas.Admission admitted = admission.get()) {
            return push(partner.get(), contentType, body);
        }
    }

    private Response push(Partner partner, String contentType, InputStream body) {
        InputStream buffered = new BufferedInputStream(body, 65_536);
        boolean ndjson = contentType != null && contentType.startsWith(NDJSON);
        BoundedLines lines = ndjson ? new BoundedLines(buffered, json, limits.lineBytes(), limits.lines()) : null;
        Iterator<Intake.Submission> submissions;
        if (lines != null) {
            submissions = lines;
        } else {
            Optional<Iterator<Intake.Submission>> single = single(buffered);
            if (single.isEmpty()) {
                return Problems.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "a single event is at most "
                        + limits.lineBytes() + " bytes").build();
            }
            submissions = single.get();
        }
        List<LineResult> results = new ArrayList<>();
        Intake.Outcome outcome;
        try {
            outcome = intake.process(partner, "http", submissions, results::add);
        } catch (BrokerUnavailableException e) {
            return Problems.response(503, "Service Unavailable", "events could not be written to Kafka; "
                            + "the lines in results were; re-send the whole request after Retry-After: "
                            + "the others will be answered duplicate", null, sorted(e.acknowledged()))
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
        }
        results.sort(Comparator.comparingInt(LineResult::line));
        if (lines != null && lines.truncated()) {
            return Problems.response(413, "Content Too Large", "at most " + limits.lines() + " lines a request: "
                    + "the lines in results were processed, the rest of the body was not read; send it in "
                    + "further requests (re-sending accepted lines is answered duplicate)", null, results).build();
        }
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

    /** The whole body as one event (application/json); empty when it is larger than a line may be. */
    private Optional<Iterator<Intake.Submission>> single(InputStream body) {
        byte[] text;
        try {
            text = body.readNBytes(limits.lineBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.length > limits.lineBytes()) {
            return Optional.empty();
        }
        String event = new String(text, StandardCharsets.UTF_8);
        return Optional.of(event.isBlank() ? List.<Intake.Submission>of().iterator()
                : List.of(BoundedLines.parse(1, event, json)).iterator());
    }
}

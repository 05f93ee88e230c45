package be.integrationmonitor.sink.api;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A request the API cannot answer, rendered as problem+json. */
final class ApiException extends WebApplicationException {

    ApiException(Response.Status status, String parameter, String message) {
        super(message, Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), message,
                        List.of(new FieldError(parameter, message)), null))
                .build());
    }
}

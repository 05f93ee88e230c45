package be.integrationmonitor.producers.push;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.api.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Problem responses of the push API. */
final class Problems {

    private Problems() {
    }

    static Response.ResponseBuilder response(Response.Status status, String detail) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, null, null);
    }

    static Response.ResponseBuilder response(int status, String title, String detail, List<FieldError> errors,
                                             List<LineResult> results) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors, results));
    }
}

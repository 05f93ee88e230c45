package be.integrationmonitor.sink.api;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A request the API cannot answer, rendered as problem+json naming the parameter at fault. */
final class ApiException extends WebApplicationException {

    private ApiException(Response.ResponseBuilder response, Response.Status status, String parameter, String message) {
        super(message, response.type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), message,
                        List.of(new FieldError(parameter, message)), null))
                .build());
    }

    static ApiException badRequest(String parameter, String message) {
        return of(Response.Status.BAD_REQUEST, parameter, message);
    }

    static ApiException notFound(String parameter, String message) {
        return of(Response.Status.NOT_FOUND, parameter, message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer"), Response.Status.UNAUTHORIZED, HttpHeaders.AUTHORIZATION, message);
    }

    private static ApiException of(Response.Status status, String parameter, String message) {
        return new ApiException(Response.status(status), status, parameter, message);
    }
}

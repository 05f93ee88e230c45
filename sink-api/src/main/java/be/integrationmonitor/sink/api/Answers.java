package be.integrationmonitor.sink.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** Conditional GET for pollers: 304 on a matching If-None-Match, cache headers by viewer. */
final class Answers {

    private Answers() {
    }

    static Response respond(Request request, Viewer viewer, Rendered answer) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(answer.etag());
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.ok(answer.body(), answer.mediaType());
        if (notModified == null && answer.filename() != null) {
            response.header("Content-Disposition", "attachment; filename=\"" + answer.filename() + "\"");
        }
        return response.tag(answer.etag())
                .header(HttpHeaders.CACHE_CONTROL, viewer.cacheControl)
                .header(HttpHeaders.VARY, "Authorization, Accept")
                .build();
    }
}

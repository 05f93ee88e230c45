package be.integrationmonitor.sink.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * Conditional GET for pollers: 304 on a matching If-None-Match, cache headers by viewer, and the
 * gzip encoding for clients that accept it (every browser does; a municipality snapshot is ~10
 * times smaller so).
 */
final class Answers {

    /** A coding of Accept-Encoding refused with q=0 (RFC 9110, 12.5.3). */
    private static final Pattern REFUSED = Pattern.compile(";\\s*q\\s*=\\s*0(\\.0*)?\\s*$");

    /** Smaller answers gain nothing worth the compression. */
    private static final int GZIP_FROM = 1024;

    private Answers() {
    }

    static Response respond(Request request, HttpHeaders headers, Viewer viewer, Rendered answer) {
        Rendered.Encoded encoded = answer.identity().body().length >= GZIP_FROM
                && acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING)) ? answer.gzip() : answer.identity();
        Response.ResponseBuilder notModified = request.evaluatePreconditions(encoded.etag());
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.ok(encoded.body(), answer.mediaType());
        if (notModified == null && answer.filename() != null) {
            response.header("Content-Disposition", "attachment; filename=\"" + answer.filename() + "\"");
        }
        if (notModified == null && encoded.contentEncoding() != null) {
            response.header(HttpHeaders.CONTENT_ENCODING, encoded.contentEncoding());
        }
        return response.tag(encoded.etag())
                .header(HttpHeaders.CACHE_CONTROL, viewer.cacheControl)
                .header(HttpHeaders.VARY, "Authorization, Accept, Accept-Encoding")
                .build();
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String name = coding.split(";", 2)[0].trim();
            if ((name.equalsIgnoreCase("gzip") || name.equals("*")) && !REFUSED.matcher(coding).find()) {
                return true;
            }
        }
        return false;
    }
}

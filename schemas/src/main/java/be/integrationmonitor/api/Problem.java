package be.integrationmonitor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the error body of both HTTP interfaces.
 *
 * @param errors  the fields or parameters at fault, if any
 * @param results for a partner push where no line was accepted: the result of every line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      List<?> results) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}

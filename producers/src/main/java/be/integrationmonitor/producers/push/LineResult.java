package be.integrationmonitor.producers.push;

import be.integrationmonitor.api.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of one line of a push: {@code accepted} (durably written), {@code duplicate} (this
 * eventId was accepted before: not published again) or {@code rejected} (with the fields at fault).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineResult(int line, String eventId, Status status, List<FieldError> errors) {

    public enum Status { accepted, duplicate, rejected }
}

package be.integrationmonitor.producers.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one push request may hold (docs/security.md): memory per request stays bounded whatever a
 * partner sends. The body size itself is {@code quarkus.http.limits.max-body-size}.
 */
@ConfigMapping(prefix = "im.push.limits")
public interface PushLimits {

    /** NDJSON lines read per request; the rest of the body is not read (413). */
    @WithDefault("10000")
    int lines();

    /** Bytes of one NDJSON line, or of a single JSON event. */
    @WithDefault("65536")
    int lineBytes();

    /** Depth of nested JSON objects and arrays (an event is flat: 2). */
    @WithDefault("16")
    int jsonNesting();

    /** Characters of one JSON string (the longest field, an eventId, has 36). */
    @WithDefault("1000")
    int jsonString();

    /** Characters of one JSON number. */
    @WithDefault("30")
    int jsonNumber();

    /** A JSON reader that refuses input beyond these limits before building anything of it. */
    default ObjectMapper reader() {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(jsonNesting()).maxStringLength(jsonString()).maxNumberLength(jsonNumber())
                .maxDocumentLength(lineBytes()).build()).build());
    }
}

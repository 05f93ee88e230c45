package be.integrationmonitor.registry;

import com.microsoft.kiota.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a schema registry that is away from a record that is wrong. A record whose schema cannot be
 * fetched because the registry does not answer (refused or timed-out connection, 5xx, 429) is
 * valid and must wait for the registry; a record whose schema id the registry does not know, or
 * whose bytes are not Avro, is invalid and goes to the dead-letter topic.
 */
public final class RegistryFaults {

    private static final int MAX_DEPTH = 20;

    private RegistryFaults() {
    }

    /** True when the failure, or any of its causes, says the registry could not be reached. */
    public static boolean isOutage(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof RegistryUnavailableException) {
                return true;
            }
            if (cause instanceof ApiException api) {
                // an HTTP answer: the registry is there; only its overload or failure is an outage
                int status = api.getResponseStatusCode();
                return status >= 500 || status == 429 || status == 408;
            }
            if (cause instanceof IOException || cause instanceof UncheckedIOException
                    || cause instanceof TimeoutException || isClientTransportError(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Vert.x (the registry client's HTTP layer) reports closed connections and timeouts outside IOException. */
    private static boolean isClientTransportError(Throwable cause) {
        String name = cause.getClass().getName();
        return name.startsWith("io.vertx.") && (name.endsWith("HttpClosedException") || name.contains("Timeout"))
                || name.startsWith("io.netty.") && name.contains("Timeout");
    }
}

package be.integrationmonitor.registry;

import org.apache.kafka.common.errors.RetriableException;

/** The schema registry stayed unreachable for as long as a caller was willing to wait; try again later. */
public final class RegistryUnavailableException extends RetriableException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package be.integrationmonitor.streams.topology;

/**
 * An event the engine refuses; Kafka Streams' processing exception handler sends it to the
 * dead-letter topic with this message in its headers. Messages never carry personal data.
 */
final class InvalidEventException extends RuntimeException {

    InvalidEventException(String message) {
        super(message);
    }
}

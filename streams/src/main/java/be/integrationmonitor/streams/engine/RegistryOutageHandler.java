package be.integrationmonitor.streams.engine;

import be.integrationmonitor.registry.RegistryFaults;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Dead-letters records that cannot be read, except while the schema registry is unreachable: such
 * a record is valid, so its stream thread fails instead, and {@link Generation}'s uncaught exception
 * handler replaces the thread, which reads the record again from the last commit (exactly-once).
 * The engine thereby pauses until the registry is back, and no valid event reaches
 * {@code dead-letter}.
 */
public final class RegistryOutageHandler extends LogAndContinueExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (RegistryFaults.isOutage(exception)) {
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}

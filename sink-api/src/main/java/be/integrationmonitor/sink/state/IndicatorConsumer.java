package be.integrationmonitor.sink.state;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the whole compacted {@code indicators} topic (read_committed, from the beginning, in a
 * consumer group of its own) into {@link IndicatorState}, then follows it.
 */
@ApplicationScoped
public class IndicatorConsumer {

    private final IndicatorState state;

    public IndicatorConsumer(IndicatorState state) {
        this.state = state;
    }

    @Incoming("indicators")
    public void apply(ConsumerRecord<String, GenericRecord> record) {
        if (record.value() != null) {
            state.apply(CellValue.of(record.value()));
        }
    }
}

package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.pseudonym.PseudonymKey;
import be.integrationmonitor.topics.Topics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Writes the synthetic feed's events straight into the input topics, as the producers would have
 * (pseudonymised, Avro): a replay's input, written at Kafka's speed instead of the push API's.
 */
final class AvroEvents {

    private AvroEvents() {
    }

    /** Writes the events of persons {@code first…} until {@code count} events are written; returns the next person. */
    static int write(String bootstrap, Topics topics, SyntheticFeed feed, int first, long count) {
        PseudonymKey key = PseudonymKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]), "benchmark");
        long written = 0;
        int person = first;
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                Serdes.String().serializer(), topics.eventSerde().serializer())) {
            for (; written < count; person++) {
                for (SyntheticFeed.PartnerEvent event : feed.person(person)) {
                    EventType<?> type = EventType.byName(event.type()).orElseThrow();
                    if (!EventType.INDICATOR_INPUTS.contains(type) || written == count) {
                        continue;
                    }
                    String personRef = key.personRef(NationalNumber.normalise(
                            (String) event.event().get("nationalNumber")).orElseThrow());
                    producer.send(new ProducerRecord<>(type.topic(), personRef,
                            record(type.schema(), event, personRef)));
                    written++;
                }
            }
        }
        return person;
    }

    private static GenericRecord record(Schema schema, SyntheticFeed.PartnerEvent event, String personRef) {
        GenericRecord record = new GenericData.Record(schema);
        LocalDate date = LocalDate.parse((String) event.event().get("effectiveDate"));
        for (Schema.Field field : schema.getFields()) {
            Object value = switch (field.name()) {
                case "partnerId" -> event.partner();
                case "personRef" -> personRef;
                case "effectiveDate" -> (int) date.toEpochDay();
                case "recordedAt" -> date.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
                default -> value(field.schema(), event.event().get(field.name()));
            };
            record.put(field.name(), value);
        }
        return record;
    }

    private static Object value(Schema schema, Object json) {
        if (json == null) {
            return null;
        }
        Schema type = schema.getType() == Schema.Type.UNION
                ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                : schema;
        return switch (type.getType()) {
            case ENUM -> new GenericData.EnumSymbol(type, json.toString());
            case INT -> ((Number) json).intValue();
            case LONG -> ((Number) json).longValue();
            default -> json;
        };
    }
}

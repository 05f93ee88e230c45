package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.pseudonym.PseudonymKey;
import be.integrationmonitor.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code erase}: removes one person from every indicator. It writes an erasure request, keyed by
 * the person's pseudonym, to the compacted {@code erasures} topic; the engine retracts the
 * person's contribution, forgets their events and ignores any that arrive later, in a replay too.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Removes one person from every indicator (GDPR erasure).")
public final class EraseCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(multiplicity = "1")
    Person person;

    static final class Person {
        @Option(names = "--person-ref", required = true, description = "The person's pseudonym, as in the event topics.")
        String personRef;
        @Option(names = "--national-number", required = true,
                description = "The person's INSZ/NISS; pseudonymised here with the platform's key, never sent.")
        String nationalNumber;
    }

    @Option(names = "--key-file", description = "File holding the pseudonymisation key (base64); "
            + "default: the IM_PSEUDONYMISATION_KEY environment variable.")
    Path keyFile;

    @Option(names = "--reason", defaultValue = "erasure request", description = "Recorded with the request (no personal data).")
    String reason;

    @Override
    public Integer call() throws Exception {
        String personRef = person.personRef != null ? person.personRef : pseudonym();
        Map<String, Object> settings = kafka.settings();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ERASURES, personRef, Instant.now() + " " + reason)).get();
        }
        System.out.println("erasure of " + personRef + " recorded; the indicators are recomputed without this person");
        return 0;
    }

    private String pseudonym() throws Exception {
        String digits = NationalNumber.normalise(person.nationalNumber).orElseThrow(() ->
                new IllegalArgumentException("not a valid national register number (INSZ/NISS)"));
        String key = keyFile != null ? Files.readString(keyFile) : System.getenv("IM_PSEUDONYMISATION_KEY");
        if (key == null) {
            throw new IllegalArgumentException("no key: give --key-file or set IM_PSEUDONYMISATION_KEY");
        }
        return PseudonymKey.fromBase64(key, keyFile != null ? keyFile.toString() : "IM_PSEUDONYMISATION_KEY")
                .personRef(digits);
    }
}

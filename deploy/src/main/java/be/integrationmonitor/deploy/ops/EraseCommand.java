package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.pseudonym.PseudonymKey;
import be.integrationmonitor.topics.Topics;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code erase}: removes one person from every indicator. It writes an erasure request, keyed by
 * the person's pseudonym, to the compacted {@code erasures} topic; the engine retracts the
 * person's contribution, forgets their events and ignores any that arrive later, in a replay too.
 * The next {@code purge} removes the person's records from the event topics. It prints a receipt:
 * when the request was written, when the served indicators were recomputed, and that the physical
 * removal waits for the next purge; {@code --receipt} prints it again later, with the purge's time.
 * A national number is asked for, never taken from the command line, where shell history and
 * {@code ps} would keep it.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = {"Removes one person from every indicator (GDPR erasure).",
                "Kafka user on a secured cluster: operator."})
public final class EraseCommand implements Callable<Integer>, KafkaUserCommand {

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(multiplicity = "1")
    Person person;

    static final class Person {
        @Option(names = "--person-ref", required = true, description = "The person's pseudonym, as in the event topics.")
        String personRef;
        @Option(names = "--national-number", required = true,
                description = "Ask for the person's INSZ/NISS: typed at a prompt without echo, or one line of standard "
                        + "input. Never on the command line (shell history, ps). Pseudonymised here with the "
                        + "platform's key, never sent.")
        boolean nationalNumber;
    }

    /** Longer than any way of writing a national register number (11 digits, dots, dashes, spaces). */
    static final int MAX_NATIONAL_NUMBER_CHARS = 64;

    @Option(names = "--key-file", description = "File holding the pseudonymisation key (base64); "
            + "default: the IM_PSEUDONYMISATION_KEY environment variable.")
    Path keyFile;

    @Option(names = "--reason", defaultValue = "erasure request", description = "Recorded with the request (no personal data).")
    String reason;

    @Option(names = "--receipt", description = "Write nothing: say where the person's erasure stands (requested, "
            + "recomputed, physically removed).")
    boolean receipt;

    @Option(names = "--wait", defaultValue = "PT1M", description = "How long to wait for the served indicators to "
            + "be recomputed without the person (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        String personRef = person.personRef != null ? person.personRef : pseudonym();
        Map<String, Object> settings = kafka.settings();
        if (receipt) {
            return ErasureReceipt.print(settings, personRef) ? 0 : 1;
        }
        Map<String, Object> producerSettings = new HashMap<>(settings);
        producerSettings.keySet().removeIf(key -> !ProducerConfig.configNames().contains(key));
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                new StringSerializer())) {
            written = producer.send(new ProducerRecord<>(Topics.ERASURES, personRef, Instant.now() + " " + reason)).get();
        }
        ErasureRequests.Request request = new ErasureRequests.Request(personRef, written.partition(), written.offset(),
                Instant.ofEpochMilli(written.timestamp()));
        System.out.printf("erasure of %s%n  requested   %s (%s)%n", personRef, request.written(), request.position());
        try (Cluster cluster = new Cluster(settings)) {
            Instant deadline = Instant.now().plus(wait);
            Optional<Integer> recomputedBy = ErasureReceipt.recomputedBy(cluster, request);
            while (recomputedBy.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                recomputedBy = ErasureReceipt.recomputedBy(cluster, request);
            }
            System.out.println(recomputedBy.map(generation -> String.format("  recomputed  %s: every indicator "
                    + "served (generation %d) is without this person", Instant.now(), generation))
                    .orElse("  recomputed  not yet (the engine has not read the request within " + wait + ")"));
        }
        System.out.println("  removed     pending until the next purge (`purge`) drops the person's records from "
                + "the event topics");
        System.out.println("`erase --receipt --person-ref " + personRef + "` says where it stands later");
        return 0;
    }

    @Override
    public String kafkaUser() {
        return ServiceAcls.OPERATOR;
    }

    private String pseudonym() throws Exception {
        String digits = NationalNumber.normalise(readNationalNumber()).orElseThrow(() ->
                new IllegalArgumentException("not a valid national register number (INSZ/NISS)"));
        String key = keyFile != null ? Files.readString(keyFile) : System.getenv("IM_PSEUDONYMISATION_KEY");
        if (key == null) {
            throw new IllegalArgumentException("no key: give --key-file or set IM_PSEUDONYMISATION_KEY");
        }
        return PseudonymKey.fromBase64(key, keyFile != null ? keyFile.toString() : "IM_PSEUDONYMISATION_KEY")
                .personRef(digits);
    }

    /**
     * At a terminal, a prompt without echo; otherwise one line of standard input (a pipe, a here
     * string), read up to {@link #MAX_NATIONAL_NUMBER_CHARS} characters and no further.
     */
    private static String readNationalNumber() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("national register number (INSZ/NISS, not shown): ");
            if (typed == null) {
                throw new IllegalArgumentException("no national register number typed");
            }
            return new String(typed);
        }
        StringBuilder line = new StringBuilder();
        for (int c = System.in.read(); c != -1 && c != '\n'; c = System.in.read()) {
            if (line.length() == MAX_NATIONAL_NUMBER_CHARS) {
                throw new IllegalArgumentException("standard input holds more than a national register number: "
                        + "give it alone on one line");
            }
            line.append((char) c);
        }
        if (line.toString().isBlank()) {
            throw new IllegalArgumentException("no national register number on standard input (one line, e.g. "
                    + "`erase --national-number < file`, or run it at a terminal to be asked)");
        }
        return line.toString().strip();
    }
}

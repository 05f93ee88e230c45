package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.topics.Topics;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dead-letters list|redrive}: the records the engine could not read or refused (the
 * {@code dead-letter} topic), listed by where they came from and why, never by their content; and
 * sent back to their source topic once the cause is fixed. Re-driving is safe to repeat: the
 * engine ignores an eventId it already holds, and an erasure twice is one erasure.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Lists the records the engine could not process (never their content) and re-drives them "
                + "to their source topic.", "Kafka user on a secured cluster: maintenance (it reads dead letters and "
                + "writes events)."},
        subcommands = {DeadLettersCommand.ListCommand.class, DeadLettersCommand.RedriveCommand.class})
public final class DeadLettersCommand implements KafkaUserCommand {

    @Override
    public String kafkaUser() {
        return ServiceAcls.MAINTENANCE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per dead letter: its position in the dead-letter topic, time, source record and "
                    + "reason, never its key, value or stack trace; then a count per reason.")
    static final class ListCommand implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--reason", paramLabel = "<text>",
                description = "Only dead letters whose reason (exception class: message) contains this text.")
        String reason;

        @Option(names = "--source-topic", description = "Only dead letters of this source topic.")
        String sourceTopic;

        @Option(names = "--since", description = "Only dead letters of records written at or after this instant, "
                + "e.g. 2025-03-01T00:00:00Z.")
        Instant since;

        @Option(names = "--limit", defaultValue = "1000",
                description = "Lines to print at most; the counts cover every match (default: ${DEFAULT-VALUE}).")
        long limit;

        private long matched;

        @Override
        public Integer call() {
            Map<String, Long> byReason = new HashMap<>();
            System.out.printf("%-12s %-24s %-44s %s%n", "dead letter", "time", "source", "reason");
            long read = DeadLetterReader.read(kafka.settings(), letter -> {
                if ((reason == null || letter.reason().contains(reason))
                        && (sourceTopic == null || letter.sourceTopic().filter(sourceTopic::equals).isPresent())
                        && (since == null || !letter.time().isBefore(since))) {
                    if (matched++ < limit) {
                        System.out.printf("%-12s %-24s %-44s %s%n", letter.position(), letter.time(), letter.source(),
                                letter.reason());
                    }
                    byReason.merge(letter.reason(), 1L, Long::sum);
                }
            });
            if (matched > limit) {
                System.out.printf("… %,d more not listed (--limit)%n", matched - limit);
            }
            System.out.printf("%n%,d of the %,d dead letters in %s match; by reason:%n", matched, read, Topics.DEAD_LETTER);
            byReason.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> System.out.printf("  %,10d  %s%n", e.getValue(), e.getKey()));
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Sends the selected dead letters back to their source topic (original key, value and "
                    + "headers, plus im.redriven-from), once the cause is fixed. Safe to repeat.")
    static final class RedriveCommand implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @ArgGroup(multiplicity = "1")
        Selection selection;

        static final class Selection {
            @Option(names = "--all-of-reason", required = true, paramLabel = "<text>",
                    description = "Every dead letter whose reason contains this text (as `list --reason`).")
            String reason;

            @Option(names = "--record", required = true, paramLabel = "<partition>@<offset>",
                    converter = PositionConverter.class,
                    description = "One dead letter by its position <partition>@<offset>, as `list` shows it; repeatable.")
            List<DeadLetter.Position> positions;
        }

        @Option(names = "--dry-run", description = "Only say what would be re-driven; write nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Set<DeadLetter.Position> missing = new LinkedHashSet<>(
                    selection.positions == null ? List.of() : selection.positions);
            int writing;
            try (Cluster cluster = new Cluster(kafka.settings())) {
                writing = cluster.generations().writing();
            }
            DeadLetterRedrive redrive = dryRun ? DeadLetterRedrive.dryRun(writing)
                    : DeadLetterRedrive.to(kafka.settings(), writing);
            try (redrive) {
                DeadLetterReader.read(kafka.settings(), letter -> {
                    // a --record found is no longer missing
                    boolean selected = selection.reason != null ? letter.reason().contains(selection.reason)
                            : missing.remove(letter.position());
                    if (selected) {
                        redrive.accept(letter);
                    }
                });
            }
            missing.forEach(position -> System.out.printf("no dead letter at %s%n", position));
            if (dryRun) {
                System.out.printf("dry run: would re-drive %,d dead letters (%,d refused); nothing written%n",
                        redrive.selected() - redrive.refused(), redrive.refused());
            } else {
                System.out.printf("re-drove %,d dead letters to their source topics (%,d refused, %,d failed)%n",
                        redrive.redriven(), redrive.refused(), redrive.failed());
                System.out.printf("they stay in %s and this re-drive is not recorded: re-driving them again is "
                        + "harmless (the engine counts an eventId once)%n", Topics.DEAD_LETTER);
            }
            return missing.isEmpty() && redrive.refused() == 0 && redrive.failed() == 0 ? 0 : 1;
        }
    }

    static final class PositionConverter implements ITypeConverter<DeadLetter.Position> {
        @Override
        public DeadLetter.Position convert(String value) {
            return DeadLetter.Position.parse(value);
        }
    }
}

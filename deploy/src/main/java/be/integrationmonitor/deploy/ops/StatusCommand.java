package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.HistoryRetention;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: generations, what the sink API serves, topics, schema versions and consumer lag. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the engine generations, the topic the sink API serves, the topics, the schema "
                + "versions and the consumer lag of every application.", "Kafka user on a secured cluster: operator."})
public final class StatusCommand implements Callable<Integer>, KafkaUserCommand {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--sink-management-url", split = ",", defaultValue = "http://127.0.0.1:9000",
            description = "Management interface (health) of every sink API instance (default: ${DEFAULT-VALUE}).")
    List<URI> sinks;

    /** The global rule: a secured registry shows it to its operator only. */
    private String compatibility() {
        try {
            return registry.operatorIfKeyed().map(SchemaRegistryClient::globalCompatibility)
                    .orElse("not read (the registry shows it to its operator: --registry-key-file)");
        } catch (SchemaRegistryClient.RegistryException e) {
            return "not read (the registry refused the operator key: " + e.status() + ")";
        }
    }

    @Override
    public String kafkaUser() {
        return ServiceAcls.OPERATOR;
    }

    @Override
    public Integer call() throws Exception {
        try (Cluster cluster = new Cluster(kafka.settings())) {
            Generations generations = cluster.generations();
            System.out.printf("engine generations: %s (served topic %s)%n", generations, generations.servedTopic());
            SinkApis apis = new SinkApis(sinks);
            sinks.forEach(sink -> System.out.printf("sink API %s serves: %s%n", sink, apis.served(sink)));

            // deleted: records before the log start offsets, gone for good (expired, or deleted by an operator)
            System.out.printf("%ntopics%n  %-58s %10s %12s %10s  %s%n", "name", "partitions", "records", "deleted",
                    "retention");
            TreeSet<String> names = new TreeSet<>(cluster.admin().listTopics().names().get());
            Map<TopicPartition, Long> start = cluster.offsets(names, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = cluster.offsets(names, OffsetSpec.latest());
            Map<String, HistoryRetention.Retention> retention = HistoryRetention.read(cluster.admin(), names);
            for (String name : names) {
                long partitions = end.keySet().stream().filter(p -> p.topic().equals(name)).count();
                long records = end.entrySet().stream().filter(e -> e.getKey().topic().equals(name))
                        .mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
                long deleted = start.entrySet().stream().filter(e -> e.getKey().topic().equals(name))
                        .mapToLong(Map.Entry::getValue).sum();
                System.out.printf("  %-58s %10d %,12d %,10d  %s%n", name, partitions, records, deleted,
                        retention.get(name).describe());
            }

            System.out.printf("%nschemas (%s)%n", registry.url());
            try {
                System.out.printf("  compatibility: %s%n", compatibility());
                SchemaRegistryClient reader = registry.reader();
                System.out.printf("  %-40s %s%n", "subject", "versions");
                for (String subject : new TreeSet<>(reader.subjects())) {
                    System.out.printf("  %-40s %s%n", subject, reader.versions(subject));
                }
            } catch (UncheckedIOException e) {
                System.out.printf("  %s (--registry-url)%n", e.getMessage());
            }

            System.out.printf("%nconsumer lag by application (consumer group)%n");
            cluster.lagByGroup().forEach((group, lag) -> System.out.printf("  %-58s %,12d%n", group, lag));
            return 0;
        }
    }
}

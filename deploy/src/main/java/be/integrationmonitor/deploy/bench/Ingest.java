package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.LocalStack;
import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import be.integrationmonitor.deploy.feed.FeedPusher;
import be.integrationmonitor.platform.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Ingest: events/s accepted by {@code POST /v1/events} with NDJSON batches of 1,000 and with single
 * events from 32 concurrent clients, against Kafka's own ProducerPerformance on the same broker with
 * the same record size and acks=all. On its own stack, with the engine and the sink API stopped so
 * that only the ingest path uses the CPU.
 */
final class Ingest {

    private static final String TOPIC = "protection-status-changed";
    private static final Pattern PERF_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private Ingest() {
    }

    /** One measured run. */
    record Result(String mode, long events, double seconds) {
        double rate() {
            return events / seconds;
        }
    }

    /** @return Kafka's ProducerPerformance on this machine: the baseline of the other scenarios too */
    static Result run(Report report, int batched, int single) throws Exception {
        Path data = Files.createTempDirectory("im-bench-ingest-");
        try (LocalStack stack = LocalStack.start(LocalStack.Options.ephemeral(data), m -> System.out.println("[bench] " + m))) {
            stack.jvms().stream().filter(jvm -> Set.of("streams", "sink-api").contains(jvm.name()))
                    .forEach(ChildJvm::close);
            List<Map<String, Object>> events = protections(5_000 + batched + single);
            PushClient office = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
            // warm-up (JIT, connections); the schema is registered by one request alone first
            office.pushOne(events.get(0));
            batches(office, events.subList(1, 5_000), 4);
            Result batches = batches(office, events.subList(5_000, 5_000 + batched), 4);
            Result singles = singles(office, events.subList(5_000 + batched, events.size()), 32);
            int recordSize = averageRecordSize(stack.platform().bootstrapServers());
            Result kafka = producerPerformance(stack.platform().bootstrapServers(), recordSize, batched, data);
            String baseline = String.format("%,.0f records/s (ProducerPerformance, %d B, acks=all)", kafka.rate(), recordSize);
            for (Result r : List.of(batches, singles)) {
                report.add("ingest", r.mode(), String.format("%,.0f events/s", r.rate()), baseline,
                        String.format("%.2f", r.rate() / kafka.rate()));
            }
            return kafka;
        }
    }

    /** Immigration Office events of the synthetic feed, enough of them, from fresh persons. */
    private static List<Map<String, Object>> protections(int count) {
        SyntheticFeed feed = new SyntheticFeed(System.nanoTime(), LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int person = 0; events.size() < count; person++) {
            feed.person(person).stream().filter(e -> e.partner().equals(SyntheticFeed.IMMIGRATION_OFFICE))
                    .map(PartnerEvent::event).forEach(events::add);
        }
        return events.subList(0, count);
    }

    private static Result batches(PushClient client, List<Map<String, Object>> events, int clients) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int start = 0; start < events.size(); start += FeedPusher.BATCH) {
            batches.add(events.subList(start, Math.min(start + FeedPusher.BATCH, events.size())));
        }
        return timed("NDJSON batches of 1,000, " + clients + " clients", events.size(), clients, batches.size(),
                i -> client.push(batches.get(i)));
    }

    private static Result singles(PushClient client, List<Map<String, Object>> events, int clients) {
        return timed("single events (application/json), " + clients + " clients", events.size(), clients,
                events.size(), i -> client.pushOne(events.get(i)));
    }

    /** Runs {@code requests} requests from {@code clients} threads; every one must be accepted. */
    private static Result timed(String mode, long events, int clients, int requests,
                                java.util.function.IntFunction<PushClient.Answer> request) {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    PushClient.Answer answer = request.apply(i);
                    if (answer.status() != 202 || answer.body().path("rejected").asLong() != 0) {
                        throw new IllegalStateException(mode + ": answered " + answer.status());
                    }
                }
            }, threads));
        }
        try {
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdownNow(); // also on failure: its threads would keep the JVM alive
        }
        Result result = new Result(mode, events, (System.nanoTime() - started) / 1e9);
        System.out.printf("[bench] %s: %,d events in %.1f s%n", mode, events, result.seconds());
        return result;
    }

    /** Key + value bytes of the records the producers wrote (Avro, Confluent wire format). */
    private static int averageRecordSize(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            int records = 0;
            while (records < 1_000) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    bytes += record.key().length + record.value().length;
                    records++;
                }
            }
            return (int) (bytes / records);
        }
    }

    /** Kafka's own producer benchmark in a child JVM, with the producers' settings (acks=all, idempotent, linger, batch). */
    private static Result producerPerformance(String bootstrap, int recordSize, int records, Path data) throws Exception {
        String topic = "bench-producer-performance";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Path log = data.resolve("logs/producer-performance.log");
        ChildJvm.builder("producer-performance").heap("512m")
                .classpath(System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance")
                .args("--topic", topic, "--num-records", String.valueOf(records), "--record-size",
                        String.valueOf(recordSize), "--throughput", "-1", "--producer-props",
                        "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "linger.ms=5",
                        "batch.size=131072")
                .log(log).start().awaitSuccess(Duration.ofMinutes(5));
        Matcher summary = PERF_SUMMARY.matcher(Files.readString(log));
        Result result = null;
        while (summary.find()) { // the last line is the total
            long sent = Long.parseLong(summary.group(1));
            result = new Result("Kafka ProducerPerformance, " + recordSize + " B records", sent,
                    sent / Double.parseDouble(summary.group(2)));
        }
        if (result == null) {
            throw new IOException("no summary in " + log);
        }
        System.out.printf("[bench] %s: %,d records in %.1f s%n", result.mode(), result.events(), result.seconds());
        return result;
    }
}

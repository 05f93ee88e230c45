package be.integrationmonitor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.security.Scram;
import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.topics.HistoryRetention;
import be.integrationmonitor.topics.TopicProvisioner;
import be.integrationmonitor.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real broker secured as in production: SASL/SCRAM-SHA-512, ACLs (StandardAuthorizer), nothing
 * allowed without an ACL. The services' users are created over the Admin API and their ACLs are
 * exactly {@link ServiceAcls}; each service can do its job and nothing else.
 */
class SecuredBrokerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static final String INDICATORS_1 = Generations.outputTopic(1);
    private static KafkaBroker broker;

    @BeforeAll
    static void startSecuredBrokerWithUsersAndAcls() throws Exception {
        Path data = Files.createTempDirectory("im-secured-");
        broker = KafkaBroker.startSecured(data, Ports.free(), Ports.free(), "384m", password());
        assertThat(Files.readString(data.resolve("server.properties")))
                .contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                        "allow.everyone.if.no.acl.found=false", "sasl.enabled.mechanisms=SCRAM-SHA-512");
        try (Admin admin = Admin.create(broker.adminSettings())) {
            TopicProvisioner.createMissing(admin, 1, (short) 1);
            admin.createTopics(List.of(new NewTopic(ServiceAcls.PRODUCERS_SEEN_EVENT_IDS, 1, (short) 1)))
                    .all().get();
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String user : ServiceAcls.catalogue().keySet()) {
                PASSWORDS.put(user, password());
                users.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, Scram.ITERATIONS), PASSWORDS.get(user)));
            }
            admin.alterUserScramCredentials(users).all().get();
            admin.createAcls(ServiceAcls.bindings()).all().get();
            // both are applied asynchronously from the metadata log: wait until the broker serves them
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(admin.describeUserScramCredentials().users().get().containsAll(PASSWORDS.keySet())
                    && new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get())
                            .containsAll(ServiceAcls.bindings()))) {
                assertThat(System.nanoTime()).as("users and ACLs visible within 30 s").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theAclsOnTheBrokerAreExactlyTheCatalogue() throws Exception {
        try (Admin admin = Admin.create(broker.adminSettings())) {
            List<AclBinding> onBroker = new ArrayList<>(admin.describeAcls(AclBindingFilter.ANY).values().get());
            assertThat(onBroker).containsExactlyInAnyOrderElementsOf(ServiceAcls.bindings());
        }
    }

    @Test
    void producersWriteTheEventTopics() throws Exception {
        for (EventType<?> type : EventType.ALL) {
            assertThat(send(ServiceAcls.PRODUCERS, type.topic(), true).topic()).isEqualTo(type.topic());
        }
        assertThat(send(ServiceAcls.PRODUCERS, ServiceAcls.PRODUCERS_SEEN_EVENT_IDS, true).offset()).isNotNegative();
    }

    @Test
    void producersCannotWriteTheEnginesTopicsNorTheErasures() {
        for (String topic : List.of(INDICATORS_1, Topics.ERASURES, Topics.GENERATIONS, Topics.DEAD_LETTER)) {
            assertThatThrownBy(() -> send(ServiceAcls.PRODUCERS, topic, true))
                    .as(topic).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    /**
     * They follow the generations (which input version to write), count each person's events from
     * the event topics and the erasures, and read nothing else.
     */
    @Test
    void producersReadTheEventsErasuresAndGenerationsButNotTheEnginesOutput() {
        for (EventType<?> type : EventType.ALL) {
            read(ServiceAcls.PRODUCERS, type.topic());
        }
        read(ServiceAcls.PRODUCERS, Topics.ERASURES);
        read(ServiceAcls.PRODUCERS, Topics.GENERATIONS);
        for (String topic : List.of(INDICATORS_1, Topics.DEAD_LETTER)) {
            assertThatThrownBy(() -> read(ServiceAcls.PRODUCERS, topic)).as(topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theSinkApiReadsTheIndicatorsAndTheGenerationsButWritesNothing() throws Exception {
        read(ServiceAcls.SINK_API, INDICATORS_1);
        read(ServiceAcls.SINK_API, Topics.GENERATIONS);
        List<String> everyTopic = Stream.concat(
                        Topics.definitions(1, (short) 1).stream().map(NewTopic::name),
                        Stream.of(ServiceAcls.PRODUCERS_SEEN_EVENT_IDS))
                .toList();
        assertThat(everyTopic).contains(INDICATORS_1, Topics.GENERATIONS, EventType.HOUSING_AID_GRANTED.topic());
        for (String topic : everyTopic) {
            // not idempotent: asks for the topic only, not for a producer id
            assertThatThrownBy(() -> send(ServiceAcls.SINK_API, topic, false))
                    .as(topic).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> read(ServiceAcls.SINK_API, EventType.RESIDENCE_CHANGED.topic()))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theEngineReadsEventsAndWritesItsOutputAndDeadLetters() throws Exception {
        read(ServiceAcls.STREAMS, EventType.INCOME_SUPPORT_DECIDED.topic());
        read(ServiceAcls.STREAMS, Topics.ERASURES);
        assertThat(send(ServiceAcls.STREAMS, INDICATORS_1, true).topic()).isEqualTo(INDICATORS_1);
        assertThat(send(ServiceAcls.STREAMS, Topics.DEAD_LETTER, true).topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThatThrownBy(() -> send(ServiceAcls.STREAMS, EventType.RESIDENCE_CHANGED.topic(), true))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        for (EventType<?> type : EventType.ALL) {
            if (!EventType.INDICATOR_INPUTS.contains(type)) {
                assertThatThrownBy(() -> read(ServiceAcls.STREAMS, type.topic()))
                        .as("the engine does not read %s", type).isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void theOperatorWritesErasuresAndGenerationsButNoEvents() throws Exception {
        assertThat(send(ServiceAcls.OPERATOR, Topics.ERASURES, true).topic()).isEqualTo(Topics.ERASURES);
        assertThat(send(ServiceAcls.OPERATOR, Topics.GENERATIONS, true).topic()).isEqualTo(Topics.GENERATIONS);
        assertThatThrownBy(() -> send(ServiceAcls.OPERATOR, INDICATORS_1, true))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(ServiceAcls.OPERATOR, EventType.PROTECTION_STATUS_CHANGED.topic(), true))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theOperatorSeesTheEventTopicsMetadataButReadsNoEvent() throws Exception {
        for (EventType<?> type : EventType.ALL) {
            assertThatThrownBy(() -> read(ServiceAcls.OPERATOR, type.topic()))
                    .as("the operator does not read %s", type).isInstanceOf(TopicAuthorizationException.class);
        }
        try (Admin operator = Admin.create(login(ServiceAcls.OPERATOR))) {
            // what replay and status need: partitions, offsets and retention
            String topic = EventType.RESIDENCE_CHANGED.topic();
            assertThat(operator.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
            assertThat(operator.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest())).all().get())
                    .hasSize(1);
            HistoryRetention.require(operator, Topics.history(), HistoryRetention.UNLIMITED);
        }
    }

    /**
     * A purge copies every event topic to its next input version ({@code <topic>.v2}): the
     * maintenance user reads the old version and creates and writes the new one; then the producers
     * write it and the engine reads it, each checking its history retention first as they do at
     * start; the operator still sees only its metadata, the sink API not even that.
     */
    @Test
    void thePurgedInputVersionIsCoveredForEveryUserThatUsesIt() throws Exception {
        try (Admin maintenance = Admin.create(login(ServiceAcls.MAINTENANCE))) {
            maintenance.createTopics(EventType.ALL.stream().map(type -> Topics.event(type, 2, 1, (short) 1)).toList())
                    .all().get();
        }
        for (EventType<?> type : EventType.ALL) {
            read(ServiceAcls.MAINTENANCE, type.topic());
            assertThat(send(ServiceAcls.MAINTENANCE, type.topic(2), true).topic()).isEqualTo(type.topic(2));
            assertThat(send(ServiceAcls.PRODUCERS, type.topic(2), true).topic()).isEqualTo(type.topic(2));
            assertThat(read(ServiceAcls.PRODUCERS, type.topic(2))).as(type.topic(2)).isPositive();
            assertThatThrownBy(() -> read(ServiceAcls.OPERATOR, type.topic(2)))
                    .as(type.topic(2)).isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> read(ServiceAcls.SINK_API, type.topic(2)))
                    .as(type.topic(2)).isInstanceOf(TopicAuthorizationException.class);
        }
        for (EventType<?> type : EventType.INDICATOR_INPUTS) {
            assertThat(read(ServiceAcls.STREAMS, type.topic(2))).as(type.topic(2)).isPositive();
        }
        try (Admin producers = Admin.create(login(ServiceAcls.PRODUCERS));
             Admin streams = Admin.create(login(ServiceAcls.STREAMS))) {
            HistoryRetention.require(producers, EventType.ALL.stream().map(type -> type.topic(2)).toList(),
                    HistoryRetention.UNLIMITED);
            HistoryRetention.require(streams, Topics.history(2), HistoryRetention.UNLIMITED);
        }
    }

    @Test
    void theMaintenanceUserReadsTheDeadLettersAndTheOperatorDoesNot() {
        read(ServiceAcls.MAINTENANCE, Topics.DEAD_LETTER);
        assertThatThrownBy(() -> read(ServiceAcls.OPERATOR, Topics.DEAD_LETTER))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> settings = Scram.clientSettings(broker.bootstrapServers(), "SASL_PLAINTEXT",
                ServiceAcls.PRODUCERS, PASSWORDS.get(ServiceAcls.PRODUCERS) + "x");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(EventType.PROTECTION_STATUS_CHANGED.topic(),
                    new byte[] {1})).get(20, TimeUnit.SECONDS))
                    .isInstanceOfAny(SaslAuthenticationException.class, ExecutionException.class)
                    .satisfies(e -> assertThat(e instanceof SaslAuthenticationException ? e : e.getCause())
                            .isInstanceOf(SaslAuthenticationException.class));
        }
    }

    @Test
    void withoutCredentialsNothingAnswers() {
        Map<String, Object> plaintext = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), "request.timeout.ms", 2000, "default.api.timeout.ms", 4000));
        try (Admin admin = Admin.create(plaintext)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static RecordMetadata send(String user, String topic, boolean idempotent) throws Exception {
        Map<String, Object> settings = login(user);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, "key".getBytes(), "value".getBytes()))
                    .get(20, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic's first partition without a group (as the sink API and the producers do); returns the records read. */
    private static int read(String user, String topic) {
        Map<String, Object> settings = login(user);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            int records = consumer.poll(Duration.ofSeconds(2)).count();
            assertThat(consumer.position(partition)).isNotNegative();
            return records;
        }
    }

    private static Map<String, Object> login(String user) {
        return Scram.clientSettings(broker.bootstrapServers(), "SASL_PLAINTEXT", user, PASSWORDS.get(user));
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

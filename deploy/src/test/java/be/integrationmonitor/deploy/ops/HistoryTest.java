package be.integrationmonitor.deploy.ops;

import static be.integrationmonitor.deploy.ops.OperatorCli.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.deploy.ops.OperatorCli.Run;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.HistoryRetention;
import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The event topics as the system of record, on a real broker: created to keep everything, refused
 * by the services when set to expire, and a rebuild refused once history is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryTest {

    private static LocalPlatform platform;
    private static Admin admin;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral());
        admin = platform.admin();
    }

    @AfterAll
    static void stop() {
        admin.close();
        platform.close();
    }

    @Test
    @Order(1)
    void historyTopicsAreCreatedToKeepEverything() throws Exception {
        for (String topic : List.of(Topics.ERASURES, Topics.DEAD_LETTER, EventType.RESIDENCE_CHANGED.topic(),
                EventType.PROTECTION_STATUS_CHANGED.topic())) {
            Config config = admin.describeConfigs(List.of(resource(topic))).all().get().get(resource(topic));
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic).isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).as(topic).isEqualTo("-1");
        }
        assertThat(Topics.history()).containsAll(Topics.engineInputs(0));
        HistoryRetention.require(admin, Topics.history(), HistoryRetention.UNLIMITED);
    }

    @Test
    @Order(2)
    void aTopicThatExpiresIsRefusedWithTheFixAndALegalPeriodIsAccepted() throws Exception {
        String topic = EventType.HOUSING_AID_GRANTED.topic();
        setRetention(topic, String.valueOf(Duration.ofDays(7).toMillis()));
        assertThatThrownBy(() -> HistoryRetention.require(admin, Topics.history(), HistoryRetention.UNLIMITED))
                .hasMessageContaining(topic + " deletes events after 7 days")
                .hasMessageContaining("retention.ms=-1");
        assertThatThrownBy(() -> HistoryRetention.require(admin, Topics.history(), Optional.of(Duration.ofDays(3650))))
                .hasMessageContaining("less than the required 3650 days");
        setRetention(topic, String.valueOf(Duration.ofDays(3650).toMillis()));
        HistoryRetention.require(admin, Topics.history(), Optional.of(Duration.ofDays(3650)));

        // what the local run does with a data directory from before: keep everything again
        assertThat(HistoryRetention.keepAll(admin, Topics.history())).containsExactly(topic);
        HistoryRetention.require(admin, Topics.history(), HistoryRetention.UNLIMITED);
    }

    @Test
    @Order(3)
    void replayAndResetRefuseOnceHistoryIsDeletedUnlessTheOperatorAcceptsIt() throws Exception {
        String topic = EventType.RESIDENCE_CHANGED.topic();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "person-" + i, "not read here")).get();
            }
        }
        String bootstrap = platform.bootstrapServers();
        Run status = cli("status", "--bootstrap-servers", bootstrap,
                "--registry-url", platform.registry().root(), "--sink-management-url", "http://127.0.0.1:1");
        assertThat(status.out()).containsPattern(topic + " +\\d+ +5 +0  unlimited");

        // what an expiry does: the oldest records are gone
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(3))).all().get();

        Run replay = cli("replay", "--bootstrap-servers", bootstrap, "--timeout", "PT1S");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.out()).contains(topic + "-0").contains("offsets 0 to 2 gone").contains("refusing")
                .contains("--accept-partial-history");
        assertThat(cli("reset", "--bootstrap-servers", bootstrap).exit()).isEqualTo(2);
        try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(cluster.generations()).isEqualTo(Generations.INITIAL);
        }
        assertThat(cli("status", "--bootstrap-servers", bootstrap, "--registry-url",
                platform.registry().root(), "--sink-management-url", "http://127.0.0.1:1").out())
                .containsPattern(topic + " +\\d+ +2 +3  unlimited");

        // accepted: the replay goes on (and, with no engine running here, gives up at its timeout)
        Run accepted = cli("replay", "--bootstrap-servers", bootstrap, "--timeout", "PT2S",
                "--accept-partial-history");
        assertThat(accepted.out()).contains("--accept-partial-history: rebuilding from what is left")
                .contains("generation 2 started");
    }

    /** Sets it and waits until the broker describes it so (the change goes through the controller). */
    private static void setRetention(String topic, String millis) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource(topic), List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, millis), AlterConfigOp.OpType.SET)))).all().get();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeConfigs(List.of(resource(topic)))
                .all().get().get(resource(topic)).get(TopicConfig.RETENTION_MS_CONFIG).value().equals(millis));
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}

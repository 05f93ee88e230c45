package be.integrationmonitor.producers.push;

import static be.integrationmonitor.producers.support.TestData.IMMIGRATION_OFFICE;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static be.integrationmonitor.producers.support.TestData.ndjson;
import static be.integrationmonitor.producers.support.TestData.protection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;

import be.integrationmonitor.platform.KafkaBroker;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.Ports;
import be.integrationmonitor.producers.support.TestData;
import be.integrationmonitor.topics.TopicProvisioner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka down and back, on a broker of this test's own (the shared one keeps serving the other
 * tests): a push is refused with 503 and Retry-After and nothing of it is published; after the broker
 * restarts on the same port and data, re-sending publishes each event exactly once.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.OwnBroker.class)
class BrokerDownTest {

    private static final String TOPIC = "protection-status-changed";
    /** Injected by {@link OwnBrokerResource}: the running broker and how to start it again. */
    KafkaBroker broker;
    LocalPlatform.Settings settings;
    private static KafkaBroker restarted;

    @Test
    void whileKafkaIsDownAPushIs503AndAfterARestartTheReSendIsPublishedExactlyOnce() {
        String bootstrap = broker.bootstrapServers();
        push(List.of(protection(nationalNumber(false), "21004"))).then().statusCode(202).body("accepted", equalTo(1));

        broker.close();
        List<ObjectNode> batch = IntStream.range(0, 20)
                .mapToObj(i -> protection(nationalNumber(i % 2 == 0), "21004")).toList();
        push(batch).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "10").body("status", equalTo(503)).body("results", empty());

        restarted = KafkaBroker.start(settings.dataDir(), settings.kafkaPort(), settings.controllerPort(),
                settings.brokerHeap());
        assertThat(restarted.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(eventIdsOnTopic(bootstrap, batch)).as("nothing of the refused push was published").isEmpty();

        JsonPath resent = push(batch).then().statusCode(202).body("rejected", equalTo(0)).extract().jsonPath();
        assertThat(resent.getList("results.status", String.class)).hasSize(batch.size())
                .allMatch(status -> status.equals("accepted") || status.equals("duplicate"));
        push(batch).then().statusCode(202).body("duplicates", equalTo(batch.size()));
        assertThat(eventIdsOnTopic(bootstrap, batch)).as("each event exactly once")
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(e -> e.get("eventId").asText()).toList());
    }

    @AfterAll
    static void stopRestartedBroker() {
        if (restarted != null) {
            restarted.close();
        }
    }

    private static Response push(List<ObjectNode> events) {
        return given().header("Authorization", "Bearer " + IMMIGRATION_OFFICE).contentType("application/x-ndjson")
                .body(ndjson(events).getBytes(StandardCharsets.UTF_8)).post("/v1/events");
    }

    /** The batch's eventIds found in the topic's records, once per record. */
    private static List<String> eventIdsOnTopic(String bootstrap, List<ObjectNode> batch) {
        List<String> values = TestData.records(bootstrap, TOPIC).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        return batch.stream().map(e -> e.get("eventId").asText())
                .flatMap(id -> values.stream().filter(v -> v.contains(id)).map(v -> id)).toList();
    }

    /** This test's own broker, restartable (same port and data directory); the registry is the shared one. */
    public static final class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnBrokerResource.class));
        }
    }

    public static final class OwnBrokerResource implements QuarkusTestResourceLifecycleManager {
        private KafkaBroker broker;
        private LocalPlatform.Settings settings;

        @Override
        public Map<String, String> start() {
            try {
                settings = new LocalPlatform.Settings(Files.createTempDirectory("im-broker-down-"), Ports.free(),
                        Ports.free(), 0, "384m", null, 3);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = KafkaBroker.start(settings.dataDir(), settings.kafkaPort(), settings.controllerPort(),
                    settings.brokerHeap());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicProvisioner.createMissing(admin, settings.partitions(), (short) 1);
            } catch (Exception e) {
                broker.close();
                throw new IllegalStateException("cannot create the topics", e);
            }
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                    "registry.url", LocalPlatform.shared().registry().root());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(broker, new TestInjector.MatchesType(KafkaBroker.class));
            injector.injectIntoFields(settings, new TestInjector.MatchesType(LocalPlatform.Settings.class));
        }

        /** After the shared platform's resource, so that this broker's address wins. */
        @Override
        public int order() {
            return 100;
        }

        @Override
        public void stop() {
            broker.close();
        }
    }
}

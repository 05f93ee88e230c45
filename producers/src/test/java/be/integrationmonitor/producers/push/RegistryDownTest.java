package be.integrationmonitor.producers.push;

import static be.integrationmonitor.producers.support.TestData.IMMIGRATION_OFFICE;
import static be.integrationmonitor.producers.support.TestData.OCMW_GENT;
import static be.integrationmonitor.producers.support.TestData.housingAid;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static be.integrationmonitor.producers.support.TestData.ndjson;
import static be.integrationmonitor.producers.support.TestData.protection;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.Ports;
import be.integrationmonitor.platform.SchemaRegistry;
import be.integrationmonitor.registry.OperatorKeyFile;
import be.integrationmonitor.registry.RegistryToken;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.Topics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry down from just after the start, on a registry of this test's own: events of types
 * this instance has not sent yet are still accepted, because every writer schema was looked up at
 * start (a producer restarted during an outage would otherwise refuse them until the registry is back).
 */
@QuarkusTest
@TestProfile(RegistryDownTest.OwnRegistry.class)
class RegistryDownTest {

    /** Injected by {@link OwnRegistryResource}. */
    SchemaRegistry registry;

    @Test
    void eventsOfTypesNotSentSinceTheStartAreAcceptedWhileTheRegistryIsDown() {
        registry.jvm().kill();

        push(IMMIGRATION_OFFICE, protection(nationalNumber(false), "21004"));
        push(OCMW_GENT, housingAid(nationalNumber(true), "44021"));
    }

    private static void push(String partner, ObjectNode event) {
        given().header("Authorization", "Bearer " + partner).contentType("application/x-ndjson")
                .body(ndjson(List.of(event)).getBytes(StandardCharsets.UTF_8)).post("/v1/events")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    /** This test's own registry, killed by the test; the broker is the shared one. */
    public static final class OwnRegistry implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnRegistryResource.class));
        }
    }

    public static final class OwnRegistryResource implements QuarkusTestResourceLifecycleManager {
        private SchemaRegistry registry;

        @Override
        public Map<String, String> start() {
            try {
                Path data = Files.createTempDirectory("im-registry-down-");
                KeyPair operator = OperatorKeyFile.readOrCreate(data.resolve(LocalPlatform.OPERATOR_KEY));
                registry = SchemaRegistry.start(data, Ports.free(), "256m", operator);
                // as the operator does before the producers start
                new SchemaRegistryClient(registry.urls(), RegistryToken.operator(operator.getPrivate()))
                        .registerAll(Topics.eventSchemas());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("registry.url", registry.urls().root());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(registry, new TestInjector.MatchesType(SchemaRegistry.class));
        }

        /** After the shared platform's resource, so that this registry's address wins. */
        @Override
        public int order() {
            return 100;
        }

        @Override
        public void stop() {
            registry.close();
        }
    }
}

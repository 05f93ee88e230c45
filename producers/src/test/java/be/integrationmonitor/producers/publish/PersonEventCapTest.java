package be.integrationmonitor.producers.publish;

import static be.integrationmonitor.producers.support.TestData.IMMIGRATION_OFFICE;
import static be.integrationmonitor.producers.support.TestData.countContaining;
import static be.integrationmonitor.producers.support.TestData.randomNationalNumber;
import static be.integrationmonitor.producers.support.TestData.ndjson;
import static be.integrationmonitor.producers.support.TestData.protection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.producers.inbox.Inbox;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edge refuses an event that would take a person beyond {@code im.person.max-events} (3 here),
 * over the push API and in inbox files, on the real broker and registry; other persons go on.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(PersonEventCapTest.SmallCap.class)
class PersonEventCapTest {

    public static class SmallCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("im.person.max-events", "3");
        }
    }

    @Inject
    Inbox inbox;

    private static Response push(String contentType, String body) {
        return given().header("Authorization", "Bearer " + IMMIGRATION_OFFICE).contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/events");
    }

    @Test
    void aPersonsEventsUpToTheCapAreAcceptedTheNextIsRefusedOthersGoOn() {
        String person = randomNationalNumber();
        String other = randomNationalNumber();
        List<ObjectNode> lines = List.of(protection(person, "21004"), protection(person, "21004"),
                protection(other, "21004"), protection(person, "21004"), protection(person, "21004"));
        JsonPath answer = push("application/x-ndjson", ndjson(lines)).then().statusCode(202)
                .body("accepted", equalTo(4)).body("rejected", equalTo(1)).extract().jsonPath();
        assertThat(answer.getString("results[4].status")).isEqualTo("rejected");
        assertThat(answer.getList("results[4].errors.field")).containsExactly("nationalNumber");
        assertThat(answer.getString("results[4].errors[0].message"))
                .contains("already has 3 events", "the most one person may have").doesNotContain(person);
        String refused = lines.get(4).get("eventId").asText();
        assertThat(countContaining("protection-status-changed", refused)).as("not published").isZero();

        // a re-sent accepted event is still a duplicate, not a refusal; a new one is refused alone: 422
        push("application/json", lines.get(0).toString()).then().statusCode(202).body("duplicates", equalTo(1));
        push("application/json", protection(person, "21004").toString()).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.contains("nationalNumber"));
        // the other person is unaffected up to their own cap
        push("application/x-ndjson", ndjson(List.of(protection(other, "21004"), protection(other, "21004"))))
                .then().statusCode(202).body("accepted", equalTo(2));
        push("application/json", protection(other, "21004").toString()).then().statusCode(422);
    }

    @Test
    void anInboxRowBeyondThePersonsCapIsReportedByLineAndColumn() throws IOException {
        String person = randomNationalNumber();
        StringBuilder file = new StringBuilder("Dossiernummer;Rijksregisternummer;Beslissingsdatum;Soort hulp;"
                + "Beslissing;Categorie;Bedrag\n");
        for (int month = 1; month <= 4; month++) {
            file.append("D-").append(month).append(';').append(person).append(";03/0").append(month)
                    .append("/2023;Leefloon;toegekend;alleenstaand;1.263,17\n");
        }
        Path folder = Files.createDirectories(Path.of("target/test-inbox/ocmw-44021"));
        Files.writeString(folder.resolve("cap.csv"), file, StandardCharsets.UTF_8);

        List<Inbox.FileOutcome> outcomes = inbox.scan();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).accepted()).isEqualTo(3);
        assertThat(outcomes.get(0).rejected()).isEqualTo(1);
        assertThat(outcomes.get(0).movedTo().getParent().getFileName().toString()).isEqualTo(Inbox.PROCESSED);
        List<String> report = Files.readAllLines(Path.of(outcomes.get(0).movedTo() + Inbox.REPORT_SUFFIX));
        assertThat(report).hasSize(2);
        assertThat(report.get(1)).startsWith("5;Rijksregisternummer;the person already has 3 events")
                .doesNotContain(person);
    }
}

package be.integrationmonitor.producers.pseudonym;

import static be.integrationmonitor.producers.support.TestData.formatted;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static be.integrationmonitor.producers.support.TestData.protection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.producers.inbox.Inbox;
import be.integrationmonitor.producers.support.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * GDPR at the edge: after valid and invalid events pushed and dropped as a file, no raw national
 * number is in any topic (keys, values, headers), the application log (with the access log), the
 * HTTP answers or the inbox's rejection reports.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class NoRawNationalNumberTest {

    @Inject
    Inbox inbox;

    @Test
    void noRawNationalNumberLeavesTheEdge() throws Exception {
        List<String> numbers = new ArrayList<>();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String number = nationalNumber(i % 2 == 0);
            numbers.add(number);
            String written = i % 3 == 0 ? formatted(number) : number;
            // valid; invalid municipality; malformed JSON that still holds the number
            ndjson.append(protection(written, "21004")).append('\n')
                    .append(protection(written, "99999")).append('\n')
                    .append("{\"nationalNumber\": \"").append(written).append("\", oops\n");
        }
        String invalidNumber = numbers.get(0).substring(0, 10) + (numbers.get(0).charAt(10) == '0' ? '1' : '0');
        numbers.add(invalidNumber);
        ndjson.append(protection(invalidNumber, "21004")).append('\n');
        List<String> answers = new ArrayList<>();
        answers.add(given().header("Authorization", "Bearer " + TestData.IMMIGRATION_OFFICE)
                .contentType("application/x-ndjson").body(ndjson.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/events?nn=" + numbers.get(1)).then().statusCode(202).extract().asString());
        answers.add(given().header("Authorization", "Bearer " + TestData.IMMIGRATION_OFFICE)
                .contentType("application/json").body(protection(numbers.get(2), "nowhere").toString()
                        .getBytes(StandardCharsets.UTF_8)).post("/v1/events").then().statusCode(422).extract().asString());

        Path folder = Files.createDirectories(Path.of("target/test-inbox/immigration-office"));
        Files.writeString(folder.resolve("scan.csv"),
                "rijksregisternummer;beslissing;datum_beslissing;nis_woonplaats;geboortejaar;geslacht;nbmv\n"
                        + numbers.get(3) + ";toekenning;10/03/2024;21004;1985;V;N\n"
                        + invalidNumber + ";toekenning;10/03/2024;21004;1985;V;N\n"
                        + numbers.get(4) + ";toekenning;10/03/2020;99999;1985;V;N\n");
        List<Inbox.FileOutcome> files = inbox.scan();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).accepted()).as("the scan has something to look at").isEqualTo(1);
        assertThat(files.get(0).rejected()).isEqualTo(2);

        List<String> places = new ArrayList<>(answers);
        places.add(Files.readString(Path.of(files.get(0).movedTo() + Inbox.REPORT_SUFFIX)));
        places.add(Files.readString(Path.of("target/producers-test.log")));
        try (Admin admin = LocalPlatform.shared().admin()) {
            for (String topic : admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get()) {
                for (ConsumerRecord<byte[], byte[]> record : TestData.records(
                        LocalPlatform.shared().bootstrapServers(), topic)) {
                    places.add(text(record.key()) + text(record.value()));
                    record.headers().forEach(h -> places.add(h.key() + text(h.value())));
                }
            }
        }
        assertThat(places.get(places.size() - 1)).as("topics were read").isNotEmpty();
        assertThat(Files.readString(Path.of("target/producers-test.log"))).as("the access log is on")
                .contains("POST /v1/events");
        for (String number : numbers) {
            List<String> forms = Stream.of(number, formatted(number)).toList();
            for (String place : places) {
                for (String form : forms) {
                    if (place.contains(form)) {
                        fail("raw national number found: " + abbreviate(place, form));
                    }
                }
            }
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Where it was found, without repeating it. */
    private static String abbreviate(String place, String number) {
        int at = place.indexOf(number);
        return place.substring(Math.max(0, at - 80), at) + "<number>";
    }
}

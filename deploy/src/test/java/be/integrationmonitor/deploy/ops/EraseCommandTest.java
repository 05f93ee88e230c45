package be.integrationmonitor.deploy.ops;

import static be.integrationmonitor.deploy.ops.OperatorCli.cli;
import static be.integrationmonitor.deploy.ops.OperatorCli.cliWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.ops.OperatorCli.Run;
import be.integrationmonitor.platform.KafkaBroker;
import be.integrationmonitor.platform.Ports;
import be.integrationmonitor.pseudonym.PseudonymKey;
import be.integrationmonitor.topics.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code erase} on a real broker: the national number comes from standard input (or a prompt
 * without echo at a terminal), never from the command line, and is never printed.
 */
class EraseCommandTest {

    /** 1985-07-30, serial 33: a valid INSZ/NISS, written as people do. */
    private static final String NATIONAL_NUMBER = SyntheticFeed.nationalNumber(1985, 7, 30, 33);
    private static final String WRITTEN = NATIONAL_NUMBER.substring(0, 2) + "." + NATIONAL_NUMBER.substring(2, 4) + "."
            + NATIONAL_NUMBER.substring(4, 6) + "-" + NATIONAL_NUMBER.substring(6, 9) + "." + NATIONAL_NUMBER.substring(9);
    private static KafkaBroker broker;
    private static Path keyFile;
    private static String key;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Files.createTempDirectory("im-erase-"), Ports.free(), Ports.free(), "384m");
        try (Admin admin = Admin.create(broker.adminSettings())) {
            TopicProvisioner.createMissing(admin, 1, (short) 1);
        }
        key = Base64.getEncoder().encodeToString("erase-command-test-key-of-32-bytes".getBytes());
        keyFile = Files.createTempFile("im-erase-key-", ".txt");
        Files.writeString(keyFile, key);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aNationalNumberOnStandardInputIsPseudonymisedHereAndNeverShown() {
        String personRef = PseudonymKey.fromBase64(key, "test").personRef(NATIONAL_NUMBER);

        Run erase = cliWithInput(WRITTEN + "\n", "erase", "--bootstrap-servers", broker.bootstrapServers(),
                "--national-number", "--key-file", keyFile.toString(), "--wait", "PT1S");

        assertThat(erase.exit()).as(erase.out()).isZero();
        assertThat(erase.out()).contains("erasure of " + personRef).doesNotContain(NATIONAL_NUMBER, WRITTEN);
        assertThat(requests()).containsKey(personRef);
    }

    @Test
    void aNationalNumberOnTheCommandLineIsRefusedWithoutBeingEchoed() {
        int before = requests().size();
        for (String[] args : new String[][] {
                {"--national-number", WRITTEN}, {"--national-number=" + NATIONAL_NUMBER}, {NATIONAL_NUMBER}}) {
            Run erase = cli(concat(new String[] {"erase", "--bootstrap-servers", broker.bootstrapServers(),
                    "--key-file", keyFile.toString()}, args));
            assertThat(erase.exit()).as(erase.out()).isEqualTo(2);
            assertThat(erase.out()).contains("not shown", "--national-number alone")
                    .doesNotContain(NATIONAL_NUMBER, WRITTEN);
        }
        assertThat(requests()).hasSize(before);
    }

    @Test
    void standardInputThatIsNotOneNationalNumberIsRefusedUnread() {
        int before = requests().size();
        String huge = "9".repeat(100_000);
        Run tooLong = cliWithInput(huge, "erase", "--bootstrap-servers", broker.bootstrapServers(),
                "--national-number", "--key-file", keyFile.toString());
        assertThat(tooLong.exit()).isNotZero();
        assertThat(tooLong.out()).contains("more than a national register number").doesNotContain("9".repeat(20));

        Run empty = cliWithInput("", "erase", "--bootstrap-servers", broker.bootstrapServers(),
                "--national-number", "--key-file", keyFile.toString());
        assertThat(empty.exit()).isNotZero();
        assertThat(empty.out()).contains("no national register number on standard input");

        String wrongCheck = NATIONAL_NUMBER.substring(0, 10) + (char) ('0' + (NATIONAL_NUMBER.charAt(10) - '0' + 1) % 10);
        Run invalid = cliWithInput(wrongCheck + "\n", "erase", "--bootstrap-servers",
                broker.bootstrapServers(), "--national-number", "--key-file", keyFile.toString());
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.out()).contains("not a valid national register number").doesNotContain(NATIONAL_NUMBER.substring(0, 10));
        assertThat(requests()).hasSize(before);
    }

    private static Map<String, ErasureRequests.Request> requests() {
        return ErasureRequests.read(Map.of("bootstrap.servers", broker.bootstrapServers())).requests();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

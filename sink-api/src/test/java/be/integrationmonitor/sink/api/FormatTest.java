package be.integrationmonitor.sink.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV answers open safely in a spreadsheet: no cell runs as a formula, no line break splits a row. */
class FormatTest {

    @Test
    void formulasAreNeutralisedAndLineBreaksQuotedWhileNumbersStayNumbers() {
        Rendered csv = Format.csv("x.csv", List.of("name", "value"), List.of(
                Arrays.<Object>asList("=HYPERLINK(\"http://evil\")", -3L),
                Arrays.<Object>asList("+1", 2.5),
                Arrays.<Object>asList("@SUM(A1)", null),
                Arrays.<Object>asList("-2", 0L),
                Arrays.<Object>asList("Line\r\nbreak", 1L),
                Arrays.<Object>asList("Sint-Jans-Molenbeek", 12L)));
        assertThat(new String(csv.identity().body(), StandardCharsets.UTF_8)).isEqualTo("name,value\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",-3\r\n"
                + "'+1,2.5\r\n"
                + "'@SUM(A1),\r\n"
                + "'-2,0\r\n"
                + "\"Line\r\nbreak\",1\r\n"
                + "Sint-Jans-Molenbeek,12\r\n");
    }
}

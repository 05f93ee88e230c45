package be.integrationmonitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.indicators.Relation.AmountOf;
import be.integrationmonitor.indicators.Relation.RatioOf;
import be.integrationmonitor.indicators.Relation.RollingSumOf;
import be.integrationmonitor.periods.Granularity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    /** A row of docs/domain.md's indicator table: id, kind, unit. */
    private static final Pattern DOCS_ROW =
            Pattern.compile("^\\| `(\\w+)` \\| (\\w+) \\| ([^|]+?) \\|", Pattern.MULTILINE);

    @Test
    void theDocsListTheCatalogueInItsOrder() throws IOException {
        String domain = Files.readString(Path.of("../docs/domain.md"));
        String table = domain.substring(domain.indexOf("## Indicators"), domain.indexOf("## Disclosure control"));
        Matcher row = DOCS_ROW.matcher(table);
        List<String> documented = row.results().map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();

        assertThat(documented).containsExactlyElementsOf(Catalogue.INDICATORS.stream().map(Indicator::definition)
                .map(d -> d.id() + " " + d.kind().id() + " " + d.unit()).toList());
    }

    @Test
    void idsAreUniqueAndFoundById() {
        assertThat(Catalogue.INDICATORS).extracting(Indicator::id).doesNotHaveDuplicates();
        Catalogue.INDICATORS.forEach(i -> assertThat(Catalogue.byId(i.id())).containsSame(i));
        assertThat(Catalogue.byId("no_such_indicator")).isEmpty();
    }

    @Test
    void everyRelationReadsOtherIndicatorsOfTheCatalogue() {
        for (Indicator indicator : Catalogue.INDICATORS) {
            for (Relation relation : indicator.definition().relations()) {
                assertThat(relation.sources()).as("%s %s", indicator.id(), relation).isNotEmpty()
                        .doesNotContain(indicator.id())
                        .allSatisfy(source -> assertThat(Catalogue.byId(source)).isPresent());
            }
        }
    }

    /** A derived indicator is of the kind, disclosure rule and granularities its relation implies. */
    @Test
    void derivedIndicatorsAgreeWithTheirRelation() {
        for (Indicator indicator : Catalogue.INDICATORS) {
            IndicatorDefinition d = indicator.definition();
            for (Relation relation : d.relations()) {
                if (relation instanceof RatioOf) {
                    assertThat(d.kind()).isEqualTo(Kind.RATIO);
                    assertThat(d.disclosure()).isEqualTo(DisclosureRule.RATIO);
                } else if (relation instanceof AmountOf amount) {
                    assertThat(d.disclosure()).isEqualTo(DisclosureRule.AMOUNT);
                    assertThat(d.kind()).isEqualTo(definition(amount.count()).kind());
                } else if (relation instanceof RollingSumOf rolling) {
                    assertThat(d.kind()).isEqualTo(Kind.ROLLING);
                    assertThat(d.granularities()).isEqualTo(Set.of(Granularity.WEEK));
                    assertThat(definition(rolling.source()).kind()).isEqualTo(Kind.FLOW);
                    assertThat(rolling.weeks()).isGreaterThan(1);
                }
            }
            assertThat(d.kind() == Kind.RATIO).as(d.id())
                    .isEqualTo(d.relations().stream().anyMatch(RatioOf.class::isInstance));
            assertThat(d.kind() == Kind.ROLLING).as(d.id())
                    .isEqualTo(d.relations().stream().anyMatch(RollingSumOf.class::isInstance));
        }
    }

    private static IndicatorDefinition definition(String id) {
        return Catalogue.byId(id).orElseThrow().definition();
    }
}

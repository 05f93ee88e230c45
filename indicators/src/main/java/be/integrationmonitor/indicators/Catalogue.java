package be.integrationmonitor.indicators;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every indicator, in the catalogue's order (GET /v1/indicators, docs/domain.md): the engine
 * computes these, the sink API serves and protects them. Adding an indicator: its class, listed
 * here (docs/engine.md, Adding an indicator).
 */
public final class Catalogue {

    public static final List<Indicator> INDICATORS = List.of(
            new ProtectedPersons(), new NewProtections(), new IncomeSupportRecipients(),
            new IntegrationIncomeRecipients(), new IntegrationProjects(), new EquivalentIncomeRecipients(),
            new IncomeSupportRate(), new HousingAidGrants(), new HousingAidAmount(), new HousingAidGrants4w(),
            new UnaccompaniedMinors(), new ElderlyPersons(), new MedianDaysToIncomeSupport());

    /** Their definitions, in the same order: what the sink API serves and protects. */
    public static final List<IndicatorDefinition> DEFINITIONS = INDICATORS.stream().map(Indicator::definition).toList();

    private static final Map<String, Indicator> BY_ID = INDICATORS.stream()
            .collect(Collectors.toUnmodifiableMap(Indicator::id, Function.identity()));

    private Catalogue() {
    }

    public static Optional<Indicator> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}

package be.integrationmonitor.indicators;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every indicator the engine computes: the whole catalogue. */
public final class Indicators {

    public static final List<Indicator> ALL = List.of(
            new ProtectedPersons(), new NewProtections(), new IncomeSupportRecipients(),
            new IntegrationIncomeRecipients(), new EquivalentIncomeRecipients(), new IncomeSupportRate(),
            new HousingAidGrants(), new HousingAidAmount(), new HousingAidGrants4w(), new UnaccompaniedMinors(),
            new ElderlyPersons(), new MedianDaysToIncomeSupport(), new IntegrationProjects());

    private static final Map<String, Indicator> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Indicator::id, Function.identity()));

    private Indicators() {
    }

    public static Indicator byId(String id) {
        Indicator indicator = BY_ID.get(id);
        if (indicator == null) {
            throw new IllegalArgumentException("unknown indicator " + id);
        }
        return indicator;
    }
}

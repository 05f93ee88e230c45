package be.integrationmonitor.disclosure.audit;

import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attacks a release with everything it publishes at once (every level, indicator, week and month)
 * and reports each withheld cell the attacker narrows below its {@link Protection} level.
 */
public final class Audit {

    /** A withheld cell not protected enough: its value, what the attacker proves, and why it fails. */
    public record Finding(Cell cell, double value, Interval interval, String breach) {

        @Override
        public String toString() {
            return cell + " = " + value + ": " + breach;
        }
    }

    /** @param audited the withheld cells attacked (medians are not) */
    public record Report(int audited, List<Finding> findings, Map<Cell, Interval> intervals) {

        public boolean passed() {
            return findings.isEmpty();
        }
    }

    private Audit() {
    }

    public static Report of(Release release) {
        Map<Cell, Double> shown = new HashMap<>(release.values());
        shown.keySet().removeAll(release.withheld());
        Map<Cell, Interval> priors = new HashMap<>();
        for (Cell cell : release.withheld()) {
            DisclosureRule rule = release.indicator(cell.indicator()).disclosure();
            if (rule != DisclosureRule.MEDIAN) {
                priors.put(cell, Protection.prior(rule, release.values().get(cell)));
            }
        }
        Map<Cell, Interval> intervals = Attacker.intervals(ReleaseConstraints.of(release), shown, priors);
        List<Finding> findings = new ArrayList<>();
        intervals.forEach((cell, interval) -> {
            IndicatorDefinition indicator = release.indicator(cell.indicator());
            double value = release.values().get(cell);
            String breach = Protection.breach(indicator.disclosure(), value, interval, indicator.decimals());
            if (breach != null) {
                findings.add(new Finding(cell, value, interval, breach));
            }
        });
        findings.sort((a, b) -> a.cell().toString().compareTo(b.cell().toString()));
        return new Report(priors.size(), List.copyOf(findings), intervals);
    }
}

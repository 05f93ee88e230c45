package be.integrationmonitor.disclosure.audit;

import be.integrationmonitor.disclosure.audit.Linkage.Measure;
import be.integrationmonitor.disclosure.audit.Linkage.Relation;
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
            Measure measure = release.linkage(cell.indicator()).measure();
            if (measure != Measure.MEDIAN) {
                priors.put(cell, Protection.prior(measure));
            }
        }
        Map<Cell, Interval> intervals = Attacker.intervals(ReleaseConstraints.of(release), shown, priors);
        List<Finding> findings = new ArrayList<>();
        intervals.forEach((cell, interval) -> {
            Linkage linkage = release.linkage(cell.indicator());
            double value = release.values().get(cell);
            String breach = Protection.breach(linkage.measure(), value, interval, decimals(linkage));
            if (breach != null) {
                findings.add(new Finding(cell, value, interval, breach));
            }
        });
        findings.sort((a, b) -> a.cell().toString().compareTo(b.cell().toString()));
        return new Report(priors.size(), List.copyOf(findings), intervals);
    }

    private static int decimals(Linkage linkage) {
        return linkage.relations().stream().filter(Relation.RatioOf.class::isInstance)
                .map(r -> ((Relation.RatioOf) r).decimals()).findFirst().orElse(0);
    }
}

package be.integrationmonitor.disclosure.suppression;

import be.integrationmonitor.disclosure.audit.Attacker;
import be.integrationmonitor.disclosure.audit.Cell;
import be.integrationmonitor.disclosure.audit.Constraint;
import be.integrationmonitor.disclosure.audit.Interval;
import be.integrationmonitor.disclosure.audit.Protection;
import be.integrationmonitor.disclosure.audit.Release;
import be.integrationmonitor.disclosure.audit.ReleaseConstraints;
import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.indicators.Relation;
import be.integrationmonitor.periods.Granularity;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secondary suppression over everything a caller can combine (the relations of
 * {@link ReleaseConstraints}): starting from the primary cells, withholds more until every withheld
 * cell is protected ({@link Protection}) against the attacker who holds every published value.
 *
 * <p>Each withheld cell needs a certificate: a program over the withheld cells near it (two relations
 * away at first, further when nothing is left to withhold beside it), everything else fixed at its
 * true value, in which the cell reaches what its
 * protection asks. Fixing cells only narrows what the attacker could prove, so a certificate holds
 * against the whole release; and withholding more only widens every interval, so a cell certified
 * once stays certified. A cell without one gets a partner withheld: the shown cell beside it, in one
 * of its relations, that certifies it, smallest first (least information withheld).
 *
 * <p>Derived values follow their sources: a ratio is withheld with its numerator or denominator, a
 * rolling sum with any week of its window, so a derived value shown is a function of shown values;
 * an amount is withheld with the count of its events.
 */
public final class JointSuppression {

    /** Relations away, cells: the first certificate tried, then wider ones when no partner is left. */
    private static final int[][] REACH = {{2, 80}, {4, 400}, {Integer.MAX_VALUE, Integer.MAX_VALUE}};
    private static final int PARTNERS_TRIED = 6;

    /**
     * What a release withheld, and for each withheld count or amount the reach of its certificate
     * (an index into the reaches tried), which tells the next release which certificates its
     * changes can touch.
     *
     * @param certificates how many certificate programs this release set up: its cost
     */
    public record Suppression(Set<Cell> withheld, Map<Cell, Integer> reach, int certificates) {

        /** Before the first release. */
        public static final Suppression NONE = new Suppression(Set.of(), Map.of(), 0);

        public Suppression {
            withheld = Set.copyOf(withheld);
            reach = Map.copyOf(reach);
        }
    }

    private final Release release;
    private final List<Constraint> constraints;
    private final Map<Cell, List<Integer>> constraintsOf = new HashMap<>();
    private final Map<String, IndicatorDefinition> indicators = new HashMap<>();
    private final Set<Cell> published;
    private final Set<Cell> withheld = new HashSet<>();
    private final Deque<Cell> uncertified = new ArrayDeque<>();
    private final Map<Cell, Integer> reach = new HashMap<>();
    private int certificates;

    private JointSuppression(Release primary, Set<Cell> published) {
        this.release = primary;
        this.published = published;
        primary.indicators().forEach(d -> indicators.put(d.id(), d));
        // rates follow their sources: a rate shown is a function of shown counts and says nothing more
        Set<Cell> rates = new HashSet<>();
        primary.values().keySet().stream().filter(c -> rule(c) == DisclosureRule.RATIO)
                .forEach(rates::add);
        this.constraints = ReleaseConstraints.of(new Release(primary.values(), rates, primary.geo(), primary.indicators()));
        for (int i = 0; i < constraints.size(); i++) {
            for (Cell cell : constraints.get(i).terms().keySet()) {
                constraintsOf.computeIfAbsent(cell, c -> new ArrayList<>()).add(i);
            }
        }
    }

    /** The first release: every cell is new. */
    public static Suppression protect(Release primary) {
        return protect(primary, Suppression.NONE, Set.of(), primary.values().keySet());
    }

    /**
     * A release after {@code previous}: what it withheld stays withheld (showing it now would give
     * away its earlier value), what it showed is never withheld to protect another cell (the
     * attacker keeps it), and an earlier certificate is solved again only if a relation of a new or
     * revised cell reaches into its program; otherwise that program, and so its proof, is the same.
     *
     * @param primary   the release with its primary cells withheld
     * @param published cells shown in an earlier release
     * @param changed   cells new since the previous release or revised
     */
    public static Suppression protect(Release primary, Suppression previous, Set<Cell> published, Set<Cell> changed) {
        JointSuppression suppression = new JointSuppression(primary, published);
        Set<Cell> initial = new HashSet<>(primary.withheld());
        previous.withheld().stream().filter(primary.values()::containsKey).forEach(initial::add);
        suppression.withheld.addAll(initial);
        boolean[] changedRelation = suppression.relationsOf(changed);
        for (Cell cell : initial) {
            Integer earlier = previous.reach().get(cell);
            if (earlier != null && !changed.contains(cell) && !suppression.touched(cell, earlier, changedRelation)) {
                suppression.reach.put(cell, earlier);
            } else if (suppression.certifiable(cell)) {
                suppression.uncertified.add(cell);
            }
        }
        initial.forEach(cell -> suppression.derivedFrom(cell).forEach(suppression::withhold));
        suppression.certifyAll();
        return new Suppression(suppression.withheld, suppression.reach, suppression.certificates);
    }

    /** Which relations hold one of the cells. */
    private boolean[] relationsOf(Set<Cell> cells) {
        boolean[] holding = new boolean[constraints.size()];
        cells.forEach(cell -> constraintsOf.getOrDefault(cell, List.of()).forEach(i -> holding[i] = true));
        return holding;
    }

    /**
     * Whether a changed relation touches a withheld cell within the certificate's reach of the cell:
     * a program only holds relations of such cells. The withheld cells around it can only have
     * grown through a changed relation (only new or revised cells are newly withheld), so looking
     * at the start is enough. The widest reach has no bound: always touched.
     */
    private boolean touched(Cell cell, int reachIndex, boolean[] changedRelation) {
        if (reachIndex == REACH.length - 1) {
            return true;
        }
        int depth = REACH[reachIndex][0];
        Set<Cell> seen = new HashSet<>(Set.of(cell));
        List<Cell> frontier = List.of(cell);
        for (int d = 0; d <= depth && !frontier.isEmpty(); d++) {
            List<Cell> next = new ArrayList<>();
            for (Cell c : frontier) {
                for (int i : constraintsOf.getOrDefault(c, List.of())) {
                    if (changedRelation[i]) {
                        return true;
                    }
                    constraints.get(i).terms().keySet().stream()
                            .filter(other -> withheld.contains(other) && seen.add(other)).forEach(next::add);
                }
            }
            frontier = next;
        }
        return false;
    }

    private void certifyAll() {
        while (!uncertified.isEmpty()) {
            certify(uncertified.poll());
        }
    }

    /** Certifies the cell or withholds a partner beside it (the cell is then tried again), nearest first. */
    private void certify(Cell cell) {
        for (int k = 0; k < REACH.length; k++) {
            int[] reach = REACH[k];
            if (certified(cell, reach)) {
                this.reach.put(cell, k);
                return;
            }
            Cell partner = partner(cell, reach);
            if (partner != null) {
                withhold(partner);
                uncertified.add(cell);
                return;
            }
        }
        throw new IllegalStateException("no cell left to withhold beside " + cell);
    }

    /** Withholds the cell and what derives from it, each to be certified. */
    private void withhold(Cell cell) {
        if (!withheld.add(cell)) {
            return;
        }
        if (certifiable(cell)) {
            uncertified.add(cell);
        }
        for (Cell derived : derivedFrom(cell)) {
            withhold(derived);
        }
    }

    /** The cells computed from this one: rates over it, rolling sums whose window holds it. */
    private List<Cell> derivedFrom(Cell source) {
        List<Cell> derived = new ArrayList<>();
        for (IndicatorDefinition indicator : release.indicators()) {
            for (Relation relation : indicator.relations()) {
                Cell same = new Cell(indicator.id(), source.granularity(), source.period(), source.geo());
                if (relation instanceof Relation.RatioOf ratio
                        && (ratio.numerator().equals(source.indicator()) || ratio.denominator().equals(source.indicator()))) {
                    add(derived, same);
                } else if (relation instanceof Relation.AmountOf amount && amount.count().equals(source.indicator())) {
                    add(derived, same);
                } else if (relation instanceof Relation.RollingSumOf rolling && rolling.source().equals(source.indicator())
                        && source.granularity() == Granularity.WEEK) {
                    LocalDate end = Granularity.WEEK.parse(source.period());
                    for (int k = 0; k < rolling.weeks(); k++) {
                        add(derived, new Cell(indicator.id(), Granularity.WEEK,
                                Granularity.WEEK.label(end.plusWeeks(k)), source.geo()));
                    }
                }
            }
        }
        return derived;
    }

    private void add(List<Cell> cells, Cell cell) {
        if (release.values().containsKey(cell)) {
            cells.add(cell);
        }
    }

    private boolean certified(Cell cell, int[] reach) {
        certificates++;
        return Protection.protects(rule(cell), release.values().get(cell), bounds(cell, reach), 0);
    }

    private Attacker.Bounds bounds(Cell cell, int[] reach) {
        Set<Cell> around = neighbourhood(cell, reach);
        Map<Cell, Interval> priors = new HashMap<>();
        around.forEach(c -> priors.put(c, Protection.prior(rule(c), release.values().get(c))));
        Set<Integer> touching = new LinkedHashSet<>();
        around.forEach(c -> touching.addAll(constraintsOf.getOrDefault(c, List.of())));
        List<Constraint> local = touching.stream().map(constraints::get).toList();
        Map<Cell, Double> fixed = new HashMap<>();
        for (Constraint constraint : local) {
            constraint.terms().keySet().stream().filter(c -> !around.contains(c))
                    .forEach(c -> fixed.put(c, release.values().get(c)));
        }
        return Attacker.bounds(cell, local, fixed, priors);
    }

    /** The withheld cells at most {@code reach[0]} relations away from the cell, nearest first, at most {@code reach[1]}. */
    private Set<Cell> neighbourhood(Cell cell, int[] reach) {
        Set<Cell> around = new LinkedHashSet<>();
        around.add(cell);
        List<Cell> frontier = List.of(cell);
        for (int depth = 0; depth < reach[0] && !frontier.isEmpty() && around.size() < reach[1]; depth++) {
            List<Cell> next = new ArrayList<>();
            for (Cell c : frontier) {
                for (int i : constraintsOf.getOrDefault(c, List.of())) {
                    for (Cell other : constraints.get(i).terms().keySet()) {
                        if (withheld.contains(other) && around.size() < reach[1] && around.add(other)) {
                            next.add(other);
                        }
                    }
                }
            }
            frontier = next;
        }
        return around;
    }

    /**
     * The shown cell to withhold beside an uncertified one, among those in the relations of the
     * withheld cells within reach: of the same indicator first, the first of the smallest that
     * certifies it, else the smallest that could absorb a shift (value of at least 5); null if none.
     */
    private Cell partner(Cell cell, int[] reach) {
        List<Cell> candidates = new ArrayList<>();
        for (Cell c : neighbourhood(cell, reach)) {
            for (int i : constraintsOf.getOrDefault(c, List.of())) {
                for (Cell other : constraints.get(i).terms().keySet()) {
                    if (eligible(other) && !candidates.contains(other)) {
                        candidates.add(other);
                    }
                }
            }
        }
        candidates.sort(Comparator.comparing((Cell c) -> !c.indicator().equals(cell.indicator()))
                .thenComparing(c -> release.values().get(c)));
        for (Cell candidate : candidates.subList(0, Math.min(PARTNERS_TRIED, candidates.size()))) {
            withheld.add(candidate);
            boolean enough = certified(cell, reach);
            withheld.remove(candidate);
            if (enough) {
                return candidate;
            }
        }
        return candidates.stream().filter(c -> release.values().get(c) >= Protection.SENSITIVE_BELOW).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }

    /** Counts and amounts; medians and ratios follow their primary rule and their sources. */
    private boolean certifiable(Cell cell) {
        DisclosureRule rule = rule(cell);
        return rule != DisclosureRule.MEDIAN && rule != DisclosureRule.RATIO;
    }

    private boolean eligible(Cell cell) {
        DisclosureRule rule = rule(cell);
        return !withheld.contains(cell) && !published.contains(cell) && release.values().get(cell) > 0
                && (rule == DisclosureRule.COUNT || rule == DisclosureRule.AMOUNT);
    }

    private DisclosureRule rule(Cell cell) {
        return indicators.get(cell.indicator()).disclosure();
    }
}

package be.integrationmonitor.disclosure.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An attacker who holds every published value and knows every constraint between cells: for each
 * withheld cell, the tightest interval they can prove, by linear programming (the cell's minimum
 * and maximum over everything consistent with what is published, as tau-ARGUS' audit does).
 * Integrality is relaxed: an interval is then read as the integers it contains.
 *
 * <p>Withheld cells that share no constraint cannot tell anything about each other: the problem is
 * solved per connected group, which keeps each program as small as the pattern allows.
 */
public final class Attacker {

    private Attacker() {
    }

    /**
     * @param shown    the published values
     * @param withheld every withheld cell and what is known of it a priori (e.g. a withheld count is at least 1)
     */
    public static Map<Cell, Interval> intervals(List<Constraint> constraints, Map<Cell, Double> shown,
                                                Map<Cell, Interval> withheld) {
        Problem problem = new Problem(constraints, shown, withheld);
        Map<Cell, Interval> intervals = new LinkedHashMap<>();
        problem.groups().forEach((root, group) -> {
            Program program = problem.program(group);
            group.forEach(i -> intervals.put(problem.cells.get(i),
                    new Interval(program.solve(i, false), program.solve(i, true))));
        });
        return intervals;
    }

    /**
     * The bounds of one withheld cell alone, each solved when first asked for (its group's program):
     * a check that one bound settles need not pay for the other.
     */
    public static Bounds bounds(Cell target, List<Constraint> constraints, Map<Cell, Double> shown,
                                Map<Cell, Interval> withheld) {
        Problem problem = new Problem(constraints, shown, withheld);
        int index = problem.index.get(target);
        return problem.program(problem.groups().get(problem.find(index))).bounds(index);
    }

    /** The least and the greatest value the attacker can prove for one cell. */
    public interface Bounds {
        double low();

        double high();
    }

    /** Each bound solved when first asked for. */
    private static final class Solved implements Bounds {
        private final Program program;
        private final int index;
        private Double low;
        private Double high;

        private Solved(Program program, int index) {
            this.program = program;
            this.index = index;
        }

        @Override
        public double low() {
            if (low == null) {
                low = program.solve(index, false);
            }
            return low;
        }

        @Override
        public double high() {
            if (high == null) {
                high = program.solve(index, true);
            }
            return high;
        }
    }

    /** The withheld cells, the constraints reduced to them, and their connected groups. */
    private static final class Problem {
        private final List<Cell> cells;
        private final Map<Cell, Interval> withheld;
        private final Map<Cell, Integer> index = new HashMap<>();
        private final List<Reduced> reduced = new ArrayList<>();
        private final int[] parent;

        Problem(List<Constraint> constraints, Map<Cell, Double> shown, Map<Cell, Interval> withheld) {
            this.withheld = withheld;
            this.cells = new ArrayList<>(withheld.keySet());
            cells.forEach(cell -> index.put(cell, index.size()));
            parent = new int[cells.size()];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (Constraint constraint : constraints) {
                Reduced r = reduce(constraint, shown, index);
                if (r.variables().length > 0) {
                    reduced.add(r);
                    for (int v : r.variables()) {
                        parent[find(r.variables()[0])] = find(v);
                    }
                }
            }
        }

        Map<Integer, List<Integer>> groups() {
            Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                groups.computeIfAbsent(find(i), g -> new ArrayList<>()).add(i);
            }
            return groups;
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        /** The program of one group: its cells within their priors, under its constraints. */
        Program program(List<Integer> group) {
            int root = find(group.get(0));
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            Map<Integer, Variable> variables = new HashMap<>();
            for (int i : group) {
                Interval prior = withheld.get(cells.get(i));
                Variable variable = model.addVariable(cells.get(i).toString());
                if (Double.isFinite(prior.low())) {
                    variable.lower(prior.low());
                }
                if (Double.isFinite(prior.high())) {
                    variable.upper(prior.high());
                }
                variables.put(i, variable);
            }
            for (Reduced r : reduced) {
                if (find(r.variables()[0]) != root) {
                    continue;
                }
                Expression expression = model.addExpression();
                for (int k = 0; k < r.variables().length; k++) {
                    expression.set(variables.get(r.variables()[k]), r.coefficients()[k]);
                }
                switch (r.sense()) {
                    case EQUAL -> expression.level(r.constant());
                    case AT_MOST -> expression.upper(r.constant());
                    case AT_LEAST -> expression.lower(r.constant());
                }
            }
            return new Program(model, variables, cells);
        }
    }

    private record Program(ExpressionsBasedModel model, Map<Integer, Variable> variables, List<Cell> cells) {

        Bounds bounds(int index) {
            return new Solved(this, index);
        }

        double solve(int index, boolean highest) {
            Variable variable = variables.get(index);
            variable.weight(1);
            try {
                return highest ? bound(model.maximise(), cells.get(index), Double.POSITIVE_INFINITY)
                        : bound(model.minimise(), cells.get(index), Double.NEGATIVE_INFINITY);
            } finally {
                variable.weight(0);
            }
        }
    }

    /** A constraint over withheld cells only, the published values moved to the constant. */
    private record Reduced(int[] variables, double[] coefficients, Constraint.Sense sense, double constant) {
    }

    private static Reduced reduce(Constraint constraint, Map<Cell, Double> shown, Map<Cell, Integer> index) {
        double constant = constraint.constant();
        List<Integer> variables = new ArrayList<>();
        List<Double> coefficients = new ArrayList<>();
        for (Map.Entry<Cell, Double> term : constraint.terms().entrySet()) {
            Double value = shown.get(term.getKey());
            if (value != null) {
                constant -= term.getValue() * value;
            } else if (index.containsKey(term.getKey())) {
                variables.add(index.get(term.getKey()));
                coefficients.add(term.getValue());
            } else {
                throw new IllegalArgumentException("a constraint names " + term.getKey() + ", neither shown nor withheld");
            }
        }
        return new Reduced(variables.stream().mapToInt(Integer::intValue).toArray(),
                coefficients.stream().mapToDouble(Double::doubleValue).toArray(), constraint.sense(), constant);
    }

    private static double bound(Optimisation.Result result, Cell cell, double unbounded) {
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return unbounded;
        }
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("the published values contradict the constraints around " + cell
                    + " (" + result.getState() + ")");
        }
        return result.getValue();
    }
}

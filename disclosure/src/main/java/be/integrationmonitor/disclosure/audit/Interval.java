package be.integrationmonitor.disclosure.audit;

/** The values a withheld cell can take given everything published: {@code [low, high]}, maybe unbounded. */
public record Interval(double low, double high) {

    public static Interval atLeast(double low) {
        return new Interval(low, Double.POSITIVE_INFINITY);
    }

    public double width() {
        return high - low;
    }

    @Override
    public String toString() {
        return "[" + format(low) + ", " + format(high) + "]";
    }

    private static String format(double bound) {
        return Double.isInfinite(bound) ? (bound > 0 ? "∞" : "-∞") : String.valueOf(Math.round(bound * 100) / 100.0);
    }
}

package be.integrationmonitor.streams.indicator;

/**
 * One value of the indicator table: an indicator, for a geo unit, in a period. Its string form is
 * the key of the {@code indicators} topic: {@code indicator/granularity/geo/period}.
 */
public record Cell(String indicator, String granularity, String geo, String period) {

    public String key() {
        return indicator + "/" + granularity + "/" + geo + "/" + period;
    }

    public static Cell parse(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an indicator cell key: " + key);
        }
        return new Cell(parts[0], parts[1], parts[2], parts[3]);
    }
}

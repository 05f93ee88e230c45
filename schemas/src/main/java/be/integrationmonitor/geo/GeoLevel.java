package be.integrationmonitor.geo;

import java.util.Locale;
import java.util.Optional;

/** The geo levels of the indicators, from the finest to the coarsest. */
public enum GeoLevel {
    MUNICIPALITY, PROVINCE, REGION, COUNTRY;

    /** The level's name in the API: {@code municipality}, {@code province}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GeoLevel> byId(String id) {
        for (GeoLevel level : values()) {
            if (level.id().equals(id)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}

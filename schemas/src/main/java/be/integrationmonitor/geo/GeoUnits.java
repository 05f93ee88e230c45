package be.integrationmonitor.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reference data: Statbel REFNIS 2025 (CC BY 4.0), bundled as {@code refdata/*.csv}.
 * Arrondissements are not an indicator level and are left out.
 */
public final class GeoUnits {

    public static final String BELGIUM = "01000";
    /** Brussels municipalities have no province: at province level they roll up to the region. */
    public static final String BRUSSELS_REGION = "04000";

    private static final GeoUnits INSTANCE = load();

    private final Map<String, GeoUnit> byCode;

    private GeoUnits(Map<String, GeoUnit> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static GeoUnits get() {
        return INSTANCE;
    }

    public Optional<GeoUnit> unit(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean isMunicipality(String code) {
        GeoUnit unit = byCode.get(code);
        return unit != null && unit.level() == GeoLevel.MUNICIPALITY;
    }

    /** The units of one level, in the reference data's order. The Brussels region counts as a province. */
    public List<GeoUnit> ofLevel(GeoLevel level) {
        List<GeoUnit> units = new ArrayList<>();
        for (GeoUnit unit : byCode.values()) {
            if (unit.level() == level || (level == GeoLevel.PROVINCE && unit.code().equals(BRUSSELS_REGION))) {
                units.add(unit);
            }
        }
        return units;
    }

    public List<GeoUnit> all() {
        return List.copyOf(byCode.values());
    }

    /** The distinct codes a municipality's figures roll up into, the municipality first, Belgium last. */
    public List<String> rollUp(String municipality) {
        List<String> codes = new ArrayList<>();
        for (String code = municipality; code != null; code = byCode.get(code).parent()) {
            codes.add(code);
        }
        return codes;
    }

    private static GeoUnits load() {
        Map<String, GeoUnit> units = new LinkedHashMap<>();
        Map<String, String> provinceRegion = new LinkedHashMap<>();
        readCsv("refdata/municipalities.csv", row -> provinceRegion.put(row[5], row[6]));
        readCsv("refdata/geo-units.csv", row -> {
            GeoLevel.byId(row[1]).ifPresent(level -> {
                String parent = switch (level) {
                    case COUNTRY -> null;
                    case REGION -> BELGIUM;
                    case PROVINCE -> provinceRegion.get(row[0]);
                    case MUNICIPALITY -> throw new IllegalStateException("municipality in geo-units.csv: " + row[0]);
                };
                units.put(row[0], new GeoUnit(row[0], level, row[2], row[3], parent));
            });
        });
        readCsv("refdata/municipalities.csv", row ->
                units.put(row[0], new GeoUnit(row[0], GeoLevel.MUNICIPALITY, row[1], row[2], row[5])));
        return new GeoUnits(units);
    }

    /** Reads a comma-separated file without quoted fields, skipping its header. */
    private static void readCsv(String resource, Consumer<String[]> rowHandler) {
        try (InputStream in = GeoUnits.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing reference data " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rowHandler.accept(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package be.integrationmonitor.geo;

/**
 * A municipality, province, region or the country, by its NIS code.
 *
 * @param parent the code of the unit one level up; null for the country. A Brussels municipality's
 *     parent is the Brussels-Capital Region (04000), which stands in for a province there.
 */
public record GeoUnit(String code, GeoLevel level, String nameNl, String nameFr, String parent) {
}

package be.integrationmonitor.sink.state;

import be.integrationmonitor.indicators.keys.IndicatorKeys;
import be.integrationmonitor.indicators.keys.IndicatorKeys.CellKey;
import org.apache.avro.generic.GenericRecord;

/**
 * One record of the {@code indicators} topic. Read from the writer's schema (generic Avro), so the
 * sink reads any compatible version of IndicatorValue.
 */
public record CellValue(String indicator, String granularity, String geo, String period, Cell cell) {

    public static CellValue of(GenericRecord record) {
        Object value = record.get("value");
        Object numerator = record.get("numerator");
        return new CellValue(text(record, "indicator"), text(record, "granularity"), text(record, "geo"),
                text(record, "period"), new Cell(value == null ? Double.NaN : ((Number) value).doubleValue(),
                ((Number) record.get("count")).longValue(), numerator == null ? -1 : ((Number) numerator).longValue()));
    }

    /** A tombstone: the cell of the key is gone (back to absent). */
    public static CellValue deleted(String key) {
        CellKey cell = IndicatorKeys.parseCell(key);
        return new CellValue(cell.indicator(), cell.granularity(), cell.geo(), cell.period(), null);
    }

    private static String text(GenericRecord record, String field) {
        return record.get(field).toString();
    }
}

package be.integrationmonitor.sink.state;

import org.apache.avro.generic.GenericRecord;

/**
 * One record of the {@code indicators} topic as the sink keeps it. Read from the writer's schema
 * (generic Avro), so the sink reads any compatible version of IndicatorValue.
 */
public record CellValue(String indicator, String granularity, String geo, String level, String period,
                        Double value, long count) {

    public static CellValue of(GenericRecord record) {
        Object value = record.get("value");
        return new CellValue(text(record, "indicator"), text(record, "granularity"), text(record, "geo"),
                text(record, "level"), text(record, "period"),
                value == null ? null : ((Number) value).doubleValue(), ((Number) record.get("count")).longValue());
    }

    private static String text(GenericRecord record, String field) {
        return record.get(field).toString();
    }
}

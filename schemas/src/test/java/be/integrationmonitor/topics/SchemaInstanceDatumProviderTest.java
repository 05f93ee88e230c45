package be.integrationmonitor.topics;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.indicators.IndicatorValue;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SchemaInstanceDatumProviderTest {

    private static final IndicatorValue VALUE = IndicatorValue.newBuilder().setIndicator("protected_persons")
            .setGranularity("month").setGeo("21004").setLevel("municipality").setPeriod("2024-03")
            .setValue(12.0).setCount(12L).setNumerator(null).build();

    private final SchemaInstanceDatumProvider<Object> provider = provider();

    @Test
    void oneWriterAndOneReaderPerSchemaInstance() {
        Schema schema = IndicatorValue.getClassSchema();
        assertThat(provider.createDatumWriter(VALUE, schema)).isSameAs(provider.createDatumWriter(VALUE, schema));
        assertThat(provider.createDatumReader(schema)).isSameAs(provider.createDatumReader(schema));
        // a generic record of the same schema gets a generic writer, not the specific one
        assertThat(provider.createDatumWriter(new GenericData.Record(schema), schema))
                .isNotSameAs(provider.createDatumWriter(VALUE, schema));
    }

    @Test
    void anEqualSchemaParsedAgainReadsTheSame() throws IOException {
        Schema parsed = new Schema.Parser().parse(IndicatorValue.getClassSchema().toString());
        byte[] written = write(VALUE);
        GenericRecord viaClassSchema = read(IndicatorValue.getClassSchema(), written);
        GenericRecord viaParsed = read(parsed, written);
        assertThat(viaParsed.toString()).isEqualTo(viaClassSchema.toString()).contains("\"21004\"");
    }

    @Test
    void theCacheStaysBounded() throws IOException {
        byte[] written = write(VALUE);
        for (int i = 0; i < SchemaInstanceDatumProvider.MAX_CACHED * 2; i++) {
            Schema parsed = new Schema.Parser().parse(IndicatorValue.getClassSchema().toString());
            assertThat(read(parsed, written).get("geo").toString()).isEqualTo("21004");
        }
        assertThat(provider.size()).isBetween(1, SchemaInstanceDatumProvider.MAX_CACHED + 1);
    }

    private byte[] write(IndicatorValue value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        provider.createDatumWriter(value, value.getSchema()).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private GenericRecord read(Schema schema, byte[] bytes) throws IOException {
        return (GenericRecord) provider.createDatumReader(schema).read(null,
                DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static SchemaInstanceDatumProvider<Object> provider() {
        SchemaInstanceDatumProvider<Object> provider = new SchemaInstanceDatumProvider<>();
        provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false)));
        return provider;
    }
}

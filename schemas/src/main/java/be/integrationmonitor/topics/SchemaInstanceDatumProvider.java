package be.integrationmonitor.topics;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's default datum provider, with its readers and writers looked up by schema instance.
 * The default looks them up by the schema's parsing fingerprint, which it recomputes from the
 * schema's canonical text for every record: a third of the sink API's CPU and a sixth of the
 * engine's in the profile (BENCHMARKS.md). The registry client keeps one instance per schema id and
 * a record class has one schema instance, so a lookup by instance finds the same reader or writer.
 */
public class SchemaInstanceDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Far above the schemas in use; a client that parsed schemas per record would only lose the cache. */
    static final int MAX_CACHED = 1_000;

    private record Instance(Schema schema, boolean specific) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Instance that && that.schema == schema && that.specific == specific;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema) * 31 + Boolean.hashCode(specific);
        }
    }

    private final Map<Instance, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<Instance, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return cached(writers, new Instance(schema, data instanceof SpecificRecord),
                () -> super.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return cached(readers, new Instance(schema, false), () -> super.createDatumReader(schema));
    }

    /** Readers and writers held. */
    int size() {
        return writers.size() + readers.size();
    }

    private static <V> V cached(Map<Instance, V> cache, Instance key, Supplier<V> make) {
        V found = cache.get(key);
        if (found == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            found = cache.computeIfAbsent(key, k -> make.get());
        }
        return found;
    }
}

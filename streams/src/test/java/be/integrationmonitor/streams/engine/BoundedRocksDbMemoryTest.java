package be.integrationmonitor.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreSharesOneCacheAndOneWriteBufferManager() {
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.MEMORY, "33554432");
        try (Options timelines = options(); Options steps = options()) {
            new BoundedRocksDbMemory().setConfig("person-timelines", timelines, configs);
            new BoundedRocksDbMemory().setConfig("series-steps", steps, configs);
            assertThat(table(timelines).blockCache()).isNotNull().isSameAs(table(steps).blockCache());
            assertThat(timelines.writeBufferManager()).isNotNull().isSameAs(steps.writeBufferManager());
        }
    }

    @Test
    void theSizeComesFromTheStreamsSettings() {
        assertThat(BoundedRocksDbMemory.memory(Map.of(BoundedRocksDbMemory.MEMORY, " 1048576 "))).isEqualTo(1L << 20);
        assertThat(BoundedRocksDbMemory.memory(Map.of())).isEqualTo(BoundedRocksDbMemory.DEFAULT_MEMORY);
    }

    private static Options options() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
        return options;
    }

    private static BlockBasedTableConfigWithAccessibleCache table(Options options) {
        return (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
    }
}

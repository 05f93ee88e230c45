package be.integrationmonitor.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void theStoresOfAGenerationShareOneBudgetAndEachGenerationHasItsOwn() {
        Map<String, Object> blue = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "integration-monitor-indicators-1",
                BoundedRocksDbMemory.MEMORY, "33554432");
        Map<String, Object> green = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "integration-monitor-indicators-2",
                BoundedRocksDbMemory.MEMORY, "33554432");
        int before = BoundedRocksDbMemory.budgets();
        BoundedRocksDbMemory timelines1 = new BoundedRocksDbMemory();
        BoundedRocksDbMemory steps1 = new BoundedRocksDbMemory();
        BoundedRocksDbMemory steps2 = new BoundedRocksDbMemory();
        try (Options timelines = options(); Options steps = options(); Options stepsGreen = options()) {
            timelines1.setConfig("person-timelines", timelines, blue);
            steps1.setConfig("series-steps", steps, blue);
            steps2.setConfig("series-steps", stepsGreen, green);
            assertThat(table(timelines).blockCache()).isNotNull().isSameAs(table(steps).blockCache());
            assertThat(timelines.writeBufferManager()).isNotNull().isSameAs(steps.writeBufferManager());
            assertThat(table(stepsGreen).blockCache()).isNotNull().isNotSameAs(table(steps).blockCache());
            assertThat(stepsGreen.writeBufferManager()).isNotNull().isNotSameAs(steps.writeBufferManager());
            assertThat(BoundedRocksDbMemory.budgets()).isEqualTo(before + 2);

            timelines1.close("person-timelines", timelines);
            assertThat(BoundedRocksDbMemory.budgets()).as("one store of generation 1 still open").isEqualTo(before + 2);
            steps1.close("series-steps", steps);
            steps2.close("series-steps", stepsGreen);
            assertThat(BoundedRocksDbMemory.budgets()).as("released with their last store").isEqualTo(before);
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

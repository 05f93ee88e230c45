package be.integrationmonitor.streams.engine;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of the RocksDB stores of each engine generation together (Kafka
 * Streams' recipe, "Bounding memory usage" in its memory management docs): one LRU cache holds the
 * blocks read, the index and filter blocks and, through a write buffer manager, the memtables.
 * Without it every store of every task has its own 50 MB cache and up to three 16 MB memtables, so
 * the engine's resident memory grows with the number of tasks and the data. Size: {@value #MEMORY},
 * in bytes (default 128 MiB) per generation; the heap comes on top.
 *
 * <p>One budget per generation (Kafka Streams application), not per JVM: during a blue/green
 * replay the generation that serves is idle but keeps its memtables, and a shared write buffer
 * manager would leave the replaying one a sliver of it, so that it flushed tiny memtables and
 * compacted them again and again. A budget is released when the last store of its generation
 * closes.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String MEMORY = "im.rocksdb.memory.bytes";
    static final long DEFAULT_MEMORY = 128L << 20;
    /** A quarter of the cache for memtables; a tenth kept for index and filter blocks. */
    private static final double MEMTABLE_SHARE = 0.25;
    private static final double INDEX_FILTER_SHARE = 0.1;

    /** The budget of each application id with open stores. */
    private static final Map<String, Budget> BUDGETS = new HashMap<>();

    private String applicationId;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        Budget budget;
        synchronized (BUDGETS) {
            budget = BUDGETS.computeIfAbsent(applicationId, id -> new Budget(memory(configs)));
            budget.stores++;
        }
        BlockBasedTableConfigWithAccessibleCache table = (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
        table.setBlockCache(budget.cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(budget.writeBuffers);
        options.setTableFormatConfig(table);
    }

    static long memory(Map<String, Object> configs) {
        Object value = configs.get(MEMORY);
        return value == null ? DEFAULT_MEMORY : Long.parseLong(value.toString().trim());
    }

    /**
     * Called before the store's database closes: closing the Java handles only drops their
     * reference, RocksDB frees the cache and the manager once the last database using them is closed.
     */
    @Override
    public void close(String storeName, Options options) {
        synchronized (BUDGETS) {
            Budget budget = BUDGETS.get(applicationId);
            if (budget != null && --budget.stores == 0) {
                BUDGETS.remove(applicationId);
                budget.writeBuffers.close();
                budget.cache.close();
            }
        }
    }

    /** How many generations have a budget (stores open), for tests. */
    static int budgets() {
        synchronized (BUDGETS) {
            return BUDGETS.size();
        }
    }

    private static final class Budget {
        final Cache cache;
        final WriteBufferManager writeBuffers;
        int stores;

        Budget(long memory) {
            cache = new LRUCache(memory, -1, false, INDEX_FILTER_SHARE);
            writeBuffers = new WriteBufferManager((long) (memory * MEMTABLE_SHARE), cache);
        }
    }
}

package be.integrationmonitor.streams.engine;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of every RocksDB store of the JVM together (Kafka Streams' recipe,
 * "Bounding memory usage" in its memory management docs): one LRU cache holds the blocks read, the
 * index and filter blocks and, through a write buffer manager, the memtables. Without it every
 * store of every task has its own 50 MB cache and up to three 16 MB memtables, so the engine's
 * resident memory grows with the number of tasks and the data. Size: {@value #MEMORY}, in bytes
 * (default 128 MiB); the heap comes on top.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String MEMORY = "im.rocksdb.memory.bytes";
    static final long DEFAULT_MEMORY = 128L << 20;
    /** A quarter of the cache for memtables; a tenth kept for index and filter blocks. */
    private static final double MEMTABLE_SHARE = 0.25;
    private static final double INDEX_FILTER_SHARE = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long memory = memory(configs);
        synchronized (BoundedRocksDbMemory.class) {
            if (cache == null) {
                cache = new LRUCache(memory, -1, false, INDEX_FILTER_SHARE);
                writeBuffers = new WriteBufferManager((long) (memory * MEMTABLE_SHARE), cache);
            }
        }
        BlockBasedTableConfigWithAccessibleCache table = (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
    }

    static long memory(Map<String, Object> configs) {
        Object value = configs.get(MEMORY);
        return value == null ? DEFAULT_MEMORY : Long.parseLong(value.toString().trim());
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: kept for the JVM's life
    }
}

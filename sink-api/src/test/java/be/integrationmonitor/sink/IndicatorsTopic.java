package be.integrationmonitor.sink;

import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes IndicatorValue records straight into a real indicators topic, as the engine would. */
public final class IndicatorsTopic implements AutoCloseable {

    private final Topic<String, IndicatorValue> topic;
    private final KafkaProducer<String, IndicatorValue> producer;

    public IndicatorsTopic() {
        this(1);
    }

    /** The indicators topic of an engine generation. */
    public IndicatorsTopic(int generation) {
        LocalPlatform platform = LocalPlatform.shared();
        topic = new Topics(platform.registry()).indicators(generation);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** A count: value and count alike. */
    public IndicatorsTopic count(String indicator, String granularity, String geo, String period, long count) {
        return send(indicator, granularity, geo, period, (double) count, count, null);
    }

    public IndicatorsTopic send(String indicator, String granularity, String geo, String period, Double value, long count,
                         Long numerator) {
        IndicatorValue record = IndicatorValue.newBuilder().setIndicator(indicator).setGranularity(granularity)
                .setGeo(geo).setLevel(GeoUnits.get().unit(geo).orElseThrow().level().id()).setPeriod(period)
                .setValue(value).setCount(count).setNumerator(numerator).build();
        producer.send(new ProducerRecord<>(topic.name(), String.join("/", indicator, granularity, geo, period), record));
        return this;
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}

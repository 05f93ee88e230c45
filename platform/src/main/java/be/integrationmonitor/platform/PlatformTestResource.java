package be.integrationmonitor.platform;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** For {@code @QuarkusTestResource}: points a Quarkus service at the shared real broker and registry. */
public final class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalPlatform platform = LocalPlatform.shared();
        return Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().root());
    }

    @Override
    public void stop() {
        // the shared platform stops with the JVM
    }
}

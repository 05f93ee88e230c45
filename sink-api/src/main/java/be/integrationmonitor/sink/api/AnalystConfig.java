package be.integrationmonitor.sink.api;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * The analysts, as configuration; the token itself is never stored:
 * <pre>
 * im.analysts."fps-social-security".token-sha256=&lt;hex SHA-256 of the analyst's token&gt;
 * </pre>
 */
@ConfigMapping(prefix = "im")
public interface AnalystConfig {

    Map<String, Analyst> analysts();

    interface Analyst {
        /** Hex SHA-256 of the bearer token. */
        String tokenSha256();
    }
}

package be.integrationmonitor.producers.partner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The partner registry, as configuration:
 * <pre>
 * im.partners."ocmw-44021".kind=ocmw
 * im.partners."ocmw-44021".municipality=44021
 * im.partners."ocmw-44021".event-types=IncomeSupportDecided,HousingAidGranted
 * im.partners."ocmw-44021".token-sha256=&lt;hex SHA-256 of the partner's token&gt;
 * </pre>
 * plus, for the local run only, {@code im.dev-partners=true}: see {@link DevPartners}.
 */
@ConfigMapping(prefix = "im.partners")
public interface PartnerConfig {

    @WithParentName
    Map<String, PartnerEntry> partners();

    interface PartnerEntry {
        PartnerKind kind();

        Optional<String> municipality();

        Set<String> eventTypes();

        /** Hex SHA-256 of the bearer token; the token itself is never stored. */
        String tokenSha256();
    }
}

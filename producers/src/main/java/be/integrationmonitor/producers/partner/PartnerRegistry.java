package be.integrationmonitor.producers.partner;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.geo.GeoUnits;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Finds the partner behind a bearer token or an inbox folder; checks the registry once, at start. */
@ApplicationScoped
public class PartnerRegistry {

    private static final Logger LOG = Logger.getLogger(PartnerRegistry.class);

    private final Map<String, Partner> byTokenHash = new HashMap<>();
    private final Map<String, Partner> byId = new HashMap<>();

    @Inject
    public PartnerRegistry(PartnerConfig config, @ConfigProperty(name = "im.dev-partners") boolean devPartners) {
        this(config, devPartners, ConfigUtils.getProfiles());
    }

    PartnerRegistry(PartnerConfig config, boolean devPartners, List<String> activeProfiles) {
        config.partners().forEach((id, entry) -> register(
                new Partner(id, entry.kind(), entry.municipality(), entry.eventTypes()), entry.tokenSha256()));
        if (devPartners) {
            List<Partner> dev = DevPartners.all(activeProfiles);
            dev.forEach(partner -> register(partner, sha256Hex(DevPartners.token(partner))));
            LOG.infof("development registry: %d partners with tokens dev-<partner id> (local/dev profile only)",
                    dev.size());
        }
    }

    private void register(Partner partner, String tokenSha256) {
        String id = partner.id();
        if (partner.kind().boundToMunicipality() != partner.municipality().isPresent()) {
            throw new IllegalStateException("partner " + id + ": a municipality is required for kinds "
                    + "municipality and ocmw, and only for them");
        }
        partner.municipality().filter(code -> !GeoUnits.get().isMunicipality(code)).ifPresent(code -> {
            throw new IllegalStateException("partner " + id + ": unknown municipality " + code);
        });
        partner.eventTypes().stream().filter(t -> EventType.byName(t).isEmpty()).findFirst().ifPresent(t -> {
            throw new IllegalStateException("partner " + id + ": unknown event type " + t);
        });
        if (byId.put(id, partner) != null) {
            throw new IllegalStateException("partner " + id + " is defined twice");
        }
        Partner previous = byTokenHash.put(tokenSha256.toLowerCase(Locale.ROOT), partner);
        if (previous != null) {
            throw new IllegalStateException("partners " + previous.id() + " and " + id + " share a token");
        }
    }

    /** @param authorization the Authorization header, {@code Bearer <token>} */
    public Optional<Partner> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenHash.get(sha256Hex(authorization.substring(7).trim())));
    }

    public Optional<Partner> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Partner> all() {
        return byId.values();
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

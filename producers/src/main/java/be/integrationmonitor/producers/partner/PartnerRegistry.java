package be.integrationmonitor.producers.partner;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.geo.GeoUnits;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the partner behind a bearer token; checks the configured registry once, at start. */
@ApplicationScoped
public class PartnerRegistry {

    private final Map<String, Partner> byTokenHash = new HashMap<>();

    public PartnerRegistry(PartnerConfig config) {
        config.partners().forEach((id, entry) -> {
            if (entry.kind().boundToMunicipality() != entry.municipality().isPresent()) {
                throw new IllegalStateException("partner " + id + ": a municipality is required for kinds "
                        + "municipality and ocmw, and only for them");
            }
            entry.municipality().filter(code -> !GeoUnits.get().isMunicipality(code)).ifPresent(code -> {
                throw new IllegalStateException("partner " + id + ": unknown municipality " + code);
            });
            entry.eventTypes().stream().filter(t -> EventType.byName(t).isEmpty()).findFirst().ifPresent(t -> {
                throw new IllegalStateException("partner " + id + ": unknown event type " + t);
            });
            Partner previous = byTokenHash.put(entry.tokenSha256().toLowerCase(Locale.ROOT),
                    new Partner(id, entry.kind(), entry.municipality(), entry.eventTypes()));
            if (previous != null) {
                throw new IllegalStateException("partners " + previous.id() + " and " + id + " share a token");
            }
        });
    }

    /** @param authorization the Authorization header, {@code Bearer <token>} */
    public Optional<Partner> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenHash.get(sha256Hex(authorization.substring(7).trim())));
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

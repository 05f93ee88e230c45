package be.integrationmonitor.sink.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Tells the public from analysts by the Authorization header. */
@ApplicationScoped
public class Access {

    private final Set<String> analystTokenHashes;

    public Access(AnalystConfig config) {
        analystTokenHashes = config.analysts().values().stream()
                .map(a -> a.tokenSha256().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** No header: the public; a known analyst token: an analyst; anything else: 401. */
    Viewer viewer(String authorization) {
        if (authorization == null) {
            return Viewer.PUBLIC;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && analystTokenHashes.contains(sha256Hex(authorization.substring(7).trim()))) {
            return Viewer.ANALYST;
        }
        throw ApiException.unauthorized("not a valid analyst token; leave the header out for the public view");
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

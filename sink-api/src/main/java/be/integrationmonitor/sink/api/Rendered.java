package be.integrationmonitor.sink.api;

import jakarta.ws.rs.core.EntityTag;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An answer as bytes with its strong ETag: a hash of the bytes, so it changes exactly when the
 * answer does, and is the same on every replica.
 */
record Rendered(byte[] body, String mediaType, String filename, EntityTag etag) {

    static Rendered of(byte[] body, String mediaType, String filename) {
        try {
            byte[] hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), 16);
            return new Rendered(body, mediaType, filename,
                    new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(hash)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package be.integrationmonitor.sink.api;

import jakarta.ws.rs.core.EntityTag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * An answer as bytes with its strong ETag: a hash of the bytes, so it changes exactly when the
 * answer does, and is the same on every replica. Its gzip encoding is made once, on first demand,
 * so that a kept snapshot is compressed once however many pollers fetch it.
 */
final class Rendered {

    /** The identity and gzip encodings of one answer. */
    record Encoded(byte[] body, EntityTag etag, String contentEncoding) {
    }

    private final String mediaType;
    private final String filename;
    private final Encoded identity;
    private volatile Encoded gzip;

    private Rendered(byte[] body, String mediaType, String filename) {
        this.mediaType = mediaType;
        this.filename = filename;
        this.identity = new Encoded(body, new EntityTag(hash(body)), null);
    }

    static Rendered of(byte[] body, String mediaType, String filename) {
        return new Rendered(body, mediaType, filename);
    }

    String mediaType() {
        return mediaType;
    }

    String filename() {
        return filename;
    }

    Encoded identity() {
        return identity;
    }

    /** Gzip, with an ETag of its own (a different representation of the same answer). */
    Encoded gzip() {
        Encoded encoded = gzip;
        if (encoded == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(identity.body().length / 8 + 64);
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(identity.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            encoded = new Encoded(out.toByteArray(), new EntityTag(identity.etag().getValue() + "-gzip"), "gzip");
            gzip = encoded;
        }
        return encoded;
    }

    private static String hash(byte[] body) {
        try {
            byte[] hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), 16);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

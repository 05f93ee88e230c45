package be.integrationmonitor.pseudonym;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's pseudonymisation key: {@code personRef} = HMAC-SHA-256 of the national number's
 * 11 digits under it, base64url without padding. Used at the edge (producers) and by the
 * operators' erasure command, which must find the same personRef.
 */
public final class PseudonymKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    private PseudonymKey(Mac prototype) {
        this.prototype = prototype;
    }

    /**
     * @param base64Key at least 32 random bytes, base64
     * @param source    where the key came from, for the error message (never the key itself)
     */
    public static PseudonymKey fromBase64(String base64Key, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException(source + " must hold at least 32 random bytes (base64)");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return new PseudonymKey(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param nationalNumber the 11 digits, as {@link NationalNumber#normalise} gives them */
    public String personRef(String nationalNumber) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(nationalNumber));
    }

    /**
     * A stable UUID for content that may hold a national number (a row of a partner's file): keyed,
     * so that nobody without the key can test guesses against it, as one could against a plain hash.
     */
    public UUID keyedUuid(String content) {
        ByteBuffer digest = ByteBuffer.wrap(hmac("uuid\u0000" + content));
        long high = (digest.getLong() & ~0xF000L) | 0x8000L; // version 8: custom
        long low = (digest.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }

    private byte[] hmac(String input) {
        try {
            return ((Mac) prototype.clone()).doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}

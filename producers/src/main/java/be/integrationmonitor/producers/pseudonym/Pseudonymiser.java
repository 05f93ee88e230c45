package be.integrationmonitor.producers.pseudonym;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a national number into the person's pseudonym: {@code personRef} = HMAC-SHA-256 of the
 * 11 digits under the platform's key, base64url without padding. Without a key of at least 256
 * bits the service does not start.
 */
@ApplicationScoped
@Startup
public class Pseudonymiser {

    static final String KEY_PROPERTY = "im.pseudonymisation.key";
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    public Pseudonymiser(@ConfigProperty(name = KEY_PROPERTY) String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY_PROPERTY + " is not base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException(KEY_PROPERTY + " must hold at least 32 random bytes (base64)");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param nationalNumber the 11 digits, as {@link NationalNumber#normalise} gives them */
    public String personRef(String nationalNumber) {
        try {
            Mac mac = (Mac) prototype.clone();
            byte[] digest = mac.doFinal(nationalNumber.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}

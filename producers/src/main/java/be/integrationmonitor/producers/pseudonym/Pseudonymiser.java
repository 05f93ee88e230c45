package be.integrationmonitor.producers.pseudonym;

import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.pseudonym.PseudonymKey;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The producers' pseudonymisation key, from configuration ({@code im.pseudonymisation.key});
 * without a key of at least 256 bits the service does not start.
 */
@ApplicationScoped
@Startup
public class Pseudonymiser {

    static final String KEY_PROPERTY = "im.pseudonymisation.key";

    private final PseudonymKey key;

    public Pseudonymiser(@ConfigProperty(name = KEY_PROPERTY) String base64Key) {
        this.key = PseudonymKey.fromBase64(base64Key, KEY_PROPERTY);
    }

    /** @param nationalNumber the 11 digits, as {@link NationalNumber#normalise} gives them */
    public String personRef(String nationalNumber) {
        return key.personRef(nationalNumber);
    }

    /** See {@link PseudonymKey#keyedUuid}. */
    public UUID keyedUuid(String content) {
        return key.keyedUuid(content);
    }
}

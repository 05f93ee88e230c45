package be.integrationmonitor.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An identity at the schema registry: short-lived bearer tokens (JWT, RS256) signed with a private
 * key whose public half the registry verifies locally, so no identity server is needed. The token's
 * {@code groups} claim carries the registry role (Apicurio's role-based authorization).
 */
public final class RegistryToken {

    /** The {@code iss} of every token; the registry accepts no other. */
    public static final String ISSUER = "integration-monitor";
    /** The registry role that registers schemas, deletes them and changes compatibility rules. */
    public static final String OPERATOR_ROLE = "sr-admin";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.UTF_8));

    private final PrivateKey key;
    private final String subject;
    private final String role;
    private final Clock clock = Clock.systemUTC();

    public RegistryToken(PrivateKey key, String subject, String role) {
        this.key = key;
        this.subject = subject;
        this.role = role;
    }

    /** The operator, signing with its private key. */
    public static RegistryToken operator(PrivateKey key) {
        return new RegistryToken(key, "operator", OPERATOR_ROLE);
    }

    /** A PKCS#8 RSA private key, base64 (the body of a {@code BEGIN PRIVATE KEY} PEM, whitespace allowed). */
    public static PrivateKey privateKey(String encoded) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(encoded.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the key itself is never echoed
            throw new IllegalStateException("the registry operator key is not a base64 PKCS#8 RSA private key", e);
        }
    }

    /** A fresh signed token, valid for a few minutes. */
    public String bearer() {
        long now = clock.instant().getEpochSecond();
        try {
            String claims = URL.encodeToString(JSON.writeValueAsBytes(Map.of(
                    "iss", ISSUER, "sub", subject, "upn", subject, "groups", List.of(role),
                    "iat", now, "exp", now + LIFETIME.toSeconds())));
            String signed = HEADER + "." + claims;
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a registry token", e);
        }
    }
}

package be.integrationmonitor.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The schema registry operator's private key in a file: PKCS#8 PEM ({@code BEGIN PRIVATE KEY}, as
 * {@code openssl genpkey -algorithm RSA} writes it), readable by its owner only. The registry
 * holds only the public half.
 */
public final class OperatorKeyFile {

    private static final int BITS = 3072;

    private OperatorKeyFile() {
    }

    /** The operator's key, for signing its registry tokens. */
    public static PrivateKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no schema registry operator key at " + file
                    + " (give the operator's key file with --registry-key-file)");
        }
        try {
            return RegistryToken.privateKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema registry operator key " + file, e);
        }
    }

    /** The key pair of the file, made on first use (a local run keeps its own, as it keeps its data). */
    public static KeyPair readOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        PrivateKey key = read(file);
        return new KeyPair(publicKey(key), key);
    }

    /** The public half, which the registry verifies tokens with. */
    public static PublicKey publicKey(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("the schema registry operator key is not an RSA key with its public exponent");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the registry operator's public key", e);
        }
    }

    private static void create(Path file) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            // owner-only from its creation, never readable by others even for a moment
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a schema registry operator key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the schema registry operator key " + file, e);
        }
    }
}

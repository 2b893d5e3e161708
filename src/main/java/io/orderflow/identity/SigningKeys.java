package io.orderflow.identity;

import io.orderflow.platform.RequiredSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes sure the access-token key pair exists. Local runs generate one on first start into
 * the git-ignored {@code .keys/} folder; production points the locations at provisioned
 * files and turns generation off, so a missing key stops the start ({@link #missing()}) instead of
 * minting a new one.
 */
@ApplicationScoped
public class SigningKeys implements RequiredSettings {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final Path privateKey;
    private final Path publicKey;
    private final boolean generate;

    // Both locations are smallrye-jwt's own keys: the files it signs and verifies with are the ones ensured here.
    SigningKeys(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String privateKey,
                @ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKey,
                IdentityConfig.Jwt jwt) {
        this.privateKey = Path.of(privateKey);
        this.publicKey = Path.of(publicKey);
        this.generate = jwt.generateKeys();
    }

    /** Without generation, each key file that cannot be read (the start is refused by RequiredSettingsCheck). */
    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!generate && !Files.isReadable(privateKey)) {
            missing.add("ORDERFLOW_JWT_PRIVATE_KEY (no readable PEM file at " + privateKey + ")");
        }
        if (!generate && !Files.isReadable(publicKey)) {
            missing.add("ORDERFLOW_JWT_PUBLIC_KEY (no readable PEM file at " + publicKey + ")");
        }
        return missing;
    }

    // After RequiredSettingsCheck (priority -1): without generation, both files are there by now.
    void ensure(@Observes @Priority(1) StartupEvent start) {
        if (!generate || (Files.isReadable(privateKey) && Files.isReadable(publicKey))) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            write(privateKey, "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(publicKey, "PUBLIC KEY", pair.getPublic().getEncoded());
            LOG.infof("Generated a local access-token key pair in %s", privateKey.toAbsolutePath().getParent());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String label, byte[] der) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        Path temporary = Files.createTempFile(folder, "key", ".tmp");
        Files.writeString(temporary, pem);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.debug("File system without POSIX permissions; key file keeps default permissions");
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

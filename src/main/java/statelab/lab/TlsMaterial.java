package statelab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at start by the JDK's own keytool
 * (Java has no public API to make one), for the lab's HTTPS mode. The keystore lives in a temp file
 * with a random password and is deleted on exit. Clients of the lab trust exactly this certificate.
 */
public final class TlsMaterial {
    private final Path keyStore;
    private final String password;

    private TlsMaterial(Path keyStore, String password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /** Makes a fresh key pair and certificate valid for 7 days. */
    public static TlsMaterial generate() throws IOException, InterruptedException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path dir = Files.createTempDirectory("statelab-tls");
        Path store = dir.resolve("lab.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "statelab", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "7", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not make the lab's certificate: " + output.strip());
        }
        store.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new TlsMaterial(store, password);
    }

    public Path keyStore() {
        return keyStore;
    }

    public String password() {
        return password;
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the lab's own certificate could not be loaded", e);
        }
    }
}

package statelab.lb.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import statelab.lb.TlsEndpoint;

/** The balancer's key store as the one PEM file HAProxy reads: certificate chain, then private key. */
final class PemFile {
    private PemFile() {
    }

    static void write(TlsEndpoint tls, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, tls.password().toCharArray());
            String alias = store.aliases().nextElement();
            Key key = store.getKey(alias, tls.password().toCharArray());
            StringBuilder pem = new StringBuilder();
            for (Certificate cert : store.getCertificateChain(alias)) {
                pem.append(block("CERTIFICATE", cert.getEncoded()));
            }
            pem.append(block("PRIVATE KEY", key.getEncoded()));
            Files.writeString(target, pem, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("the lab's TLS key store could not be read for HAProxy", e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

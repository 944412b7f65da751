package statelab.lb;

import java.nio.file.Path;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Where a balancer's TLS key and certificate are (a PKCS12 key store). TLS 1.2 and 1.3 only, with
 * Jetty's default secure cipher list. The balancer answers HSTS-less on loopback: it is a lab, and
 * browsers pin HSTS per host name, which would outlive the lab's certificate.
 */
public record TlsEndpoint(Path keyStore, String password) {

    ServerConnector connector(Server server) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType("PKCS12");
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach the lab as 127.0.0.1, which is not a name SNI can carry.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, 0, 1,
                new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        return connector;
    }
}

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's own HTTPS client with its defaults (PKIX trust manager, HTTPS hostname check), trusting only
 * the PEM file given: exit 0 when the request succeeds, 1 when TLS (or anything else) fails.
 *
 *   javac -d . JdkHttpsProbe.java
 *   tlslab-fleet probe-client --client "JDK HttpClient" -- java -Djdk.net.hosts.file={hosts} -cp . JdkHttpsProbe {url} {ca}
 *
 * Its own timeouts are generous (probe-client --timeout bounds the run): a slow machine must not read as a refusal.
 * The hosts file maps the lab's dial hosts (node1.localhost ...) to 127.0.0.1 for the JDK's resolver.
 */
public final class JdkHttpsProbe {
    public static void main(String[] args) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(args[0]))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(r.statusCode() + " " + r.body().strip());
            System.exit(r.statusCode() == 200 ? 0 : 1);
        } catch (java.io.IOException e) {
            System.out.println("refused: " + e);
            System.exit(1);
        }
    }
}

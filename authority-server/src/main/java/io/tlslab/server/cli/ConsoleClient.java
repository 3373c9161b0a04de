package io.tlslab.server.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tlslab.protocol.json.Json;
import io.tlslab.protocol.settings.Fingerprint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A client of the console's JSON API: what {@code tlslab-server cli} and {@code cert --url} use,
 * and what the tests drive the console with. It trusts the console certificate by its pinned
 * SHA-256 fingerprint (printed in the start-up banner), by the JDK's roots, or not at all
 * ({@code insecure}, for a lab on loopback).
 */
public final class ConsoleClient {

    /** A response: status, headers we care about, body. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public Map<String, Object> json() {
            try {
                return Json.mapper().readValue(body, new TypeReference<Map<String, Object>>() {});
            } catch (IOException e) {
                throw new IllegalStateException(
                        "server answered " + status + " with a body that is not JSON: " + text(), e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    /** How long one request may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private String cookie;
    private String csrf;

    /**
     * @param pinSha256 the console certificate's SHA-256 fingerprint, or null
     * @param insecure  trust any certificate (ignored when a pin is given)
     */
    public ConsoleClient(URI base, String pinSha256, boolean insecure) {
        this(base, pinSha256, insecure, DEFAULT_TIMEOUT);
    }

    /** @param timeout the longest one request (connect included) may take */
    public ConsoleClient(URI base, String pinSha256, boolean insecure, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        this.http = HttpClient.newBuilder()
                .sslContext(sslContext(pinSha256, insecure))
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Duration timeout() {
        return timeout;
    }

    public URI base() {
        return base;
    }

    /** Signs in; keeps the session cookie and CSRF token for the next calls. */
    public Reply login(String username, String password) throws IOException, InterruptedException {
        Reply r = post("/api/login", Map.of("username", username, "password", password));
        if (r.status() == 200) {
            csrf = String.valueOf(r.json().get("csrfToken"));
            cookie = r.header("set-cookie").map(c -> c.split(";", 2)[0]).orElse(null);
        }
        return r;
    }

    public Reply command(String line) throws IOException, InterruptedException {
        return post("/api/command", Map.of("command", line));
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(builder(path).GET().build());
    }

    public Reply post(String path, Map<String, ?> body) throws IOException, InterruptedException {
        return post(path, body, csrf);
    }

    /** POST with an explicit CSRF token (null sends none): lets tests check the CSRF defence. */
    public Reply post(String path, Map<String, ?> body, String csrfToken) throws IOException, InterruptedException {
        HttpRequest.Builder b = builder(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        Json.mapper().writeValueAsBytes(new LinkedHashMap<>(body))));
        if (csrfToken != null) {
            b.header("X-CSRF-Token", csrfToken);
        }
        return send(b.build());
    }

    public String csrfToken() {
        return csrf;
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    private Reply send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers().map(), r.body());
    }

    private static SSLContext sslContext(String pinSha256, boolean insecure) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager tm;
            if (pinSha256 != null && !pinSha256.isBlank()) {
                tm = new Pinned(Fingerprint.parse(pinSha256));
            } else if (insecure) {
                tm = new Pinned(null);
            } else {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init((java.security.KeyStore) null);
                tm = f.getTrustManagers()[0];
            }
            ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly the certificate with the pinned fingerprint (or anything when the pin is null). */
    private static final class Pinned extends X509ExtendedTrustManager implements X509TrustManager {
        private final Fingerprint pin;

        Pinned(Fingerprint pin) {
            this.pin = pin;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (pin == null) {
                return;
            }
            Fingerprint actual = pin.algorithm() == Fingerprint.Algorithm.SHA1
                    ? Fingerprint.sha1(chain[0].getEncoded())
                    : Fingerprint.sha256(chain[0].getEncoded());
            if (!actual.equals(pin)) {
                throw new CertificateException("the console certificate " + actual + " is not the pinned " + pin);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

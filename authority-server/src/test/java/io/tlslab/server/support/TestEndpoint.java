package io.tlslab.server.support;

import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A minimal blocking endpoint for tests: JDK TLS socket, the 4-byte length framing, the protocol's
 * codec. The trust manager decides what it accepts (trust-all, or the project's validator).
 */
public final class TestEndpoint implements AutoCloseable {
    private final SSLSocket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private TestEndpoint(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to 127.0.0.1:port presenting {@code dialHost} as the TLS peer host (SNI). */
    public static TestEndpoint connect(int port, String dialHost, TrustManager trust) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, new SecureRandom());
            Socket raw = new Socket();
            raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            raw.setSoTimeout(10_000);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, dialHost, port, true);
            s.startHandshake();
            return new TestEndpoint(s);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /**
     * Connects with a given client context, so that several connections share its session cache (a
     * reconnecting endpoint that may resume).
     */
    public static TestEndpoint connect(int port, SSLContext ctx) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        raw.setSoTimeout(10_000);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
        s.startHandshake();
        return new TestEndpoint(s);
    }

    /** Connects from a chosen loopback source address (127.x.y.z), timeouts in milliseconds. */
    public static TestEndpoint connectFrom(java.net.InetAddress from, int port, int timeoutMillis) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            Socket raw = new Socket();
            raw.bind(new InetSocketAddress(from, 0));
            raw.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
            s.startHandshake();
            return new TestEndpoint(s);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public static TestEndpoint connect(int port) throws IOException {
        return connect(port, "localhost", new TrustAll());
    }

    /** The TLS session this connection negotiated (protocol, cipher, peer). */
    public javax.net.ssl.SSLSession session() {
        return socket.getSession();
    }

    public List<X509Certificate> serverChain() throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : socket.getSession().getPeerCertificates()) {
            chain.add((X509Certificate) c);
        }
        return chain;
    }

    public String protocol() {
        return socket.getSession().getProtocol();
    }

    public TestEndpoint hello(String guid, String version) throws IOException {
        send(new Message.Hello(Role.ENDPOINT, guid, ProductVersion.parse(version)));
        return this;
    }

    public void send(Message m) throws IOException {
        byte[] body = MessageCodec.encode(m);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Next message as it comes, pings included (not answered). */
    public Message readAny() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        try {
            return MessageCodec.decode(body);
        } catch (io.tlslab.protocol.wire.ProtocolException e) {
            throw new IOException(e);
        }
    }

    /** Next message, skipping keep-alive pings (answered). */
    public Message read() throws IOException {
        while (true) {
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            try {
                Message m = MessageCodec.decode(body);
                if (m instanceof Message.Ping) {
                    send(new Message.Pong(((Message.Ping) m).nonce()));
                    continue;
                }
                return m;
            } catch (io.tlslab.protocol.wire.ProtocolException e) {
                throw new IOException(e);
            }
        }
    }

    /** Reads the next message of the given type, skipping others. */
    public <T extends Message> T read(Class<T> type) throws IOException {
        for (int i = 0; i < 20; i++) {
            Message m = read();
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        throw new IOException("no " + type.getSimpleName() + " among 20 messages");
    }

    /** True when the server closed the connection (EOF or reset) within the socket timeout. */
    public boolean closedByServer(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            while (true) {
                int length = in.readInt();
                in.skipNBytes(length);
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.tlslab.tls.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.ProtocolException;
import io.tlslab.tls.validation.ValidationFailedException;
import io.tlslab.tls.validation.Verdict;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionFailureTest {

    private static Verdict rejected(ReasonCode reason) {
        Outcome o = Outcome.rejected(reason);
        return new Verdict(o, o, List.of(), false, List.of(), false);
    }

    @Test
    void theValidatorsVerdictIsFoundThroughTheEnginesWrapping() {
        SSLHandshakeException wrapped = new SSLHandshakeException("engine message that says something else");
        wrapped.initCause(new ValidationFailedException(rejected(ReasonCode.SELF_SIGNED)));

        ConnectionFailure f = ConnectionFailure.of(new DecoderException(wrapped));

        assertThat(f)
                .isInstanceOfSatisfying(
                        ConnectionFailure.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(ReasonCode.SELF_SIGNED));
        assertThat(f.code()).isEqualTo("SELF_SIGNED");
        assertThat(f.describe()).startsWith("certificate rejected: SELF_SIGNED");
    }

    @Test
    void transportFailuresAreNamedByTypeNotByMessage() {
        assertThat(kind(new ConnectException("finishConnect(..) failed with error(-111)")))
                .isEqualTo(FailureKind.UNREACHABLE);
        assertThat(kind(new ConnectTimeoutException("x"))).isEqualTo(FailureKind.CONNECT_TIMEOUT);
        assertThat(kind(new SslHandshakeTimeoutException("x"))).isEqualTo(FailureKind.HANDSHAKE_TIMEOUT);
        assertThat(kind(new NotSslRecordException("not an SSL/TLS record: 474554")))
                .isEqualTo(FailureKind.NOT_TLS);
        assertThat(kind(new DecoderException(new TooLongFrameException("frame of 70000 bytes"))))
                .isEqualTo(FailureKind.OVERSIZE_FRAME);
        assertThat(kind(new DecoderException(new ProtocolException("unknown type 9"))))
                .isEqualTo(FailureKind.MALFORMED_FRAME);
        assertThat(kind(new ClosedChannelException())).isEqualTo(FailureKind.CLOSED_DURING_HANDSHAKE);
        assertThat(kind(new CertificateException("PKIX path building failed")))
                .isEqualTo(FailureKind.CERTIFICATE_REJECTED);
        // a message that mentions "refused" does not make an SSL error a connect failure
        assertThat(kind(new SSLHandshakeException("connection refused by policy")))
                .isEqualTo(FailureKind.TLS_ERROR);
        assertThat(kind(new IllegalStateException("boom"))).isEqualTo(FailureKind.IO_ERROR);
    }

    @Test
    void aRefusedConnectSaysSoWithoutTheSyscallText() {
        assertThat(ConnectionFailure.of(new ConnectException("finishConnect(..) failed with error(-111)"))
                        .describe())
                .isEqualTo("cannot connect: connection refused");
    }

    @Test
    void describesInOneLine() {
        ConnectionFailure f = ConnectionFailure.of(new SSLHandshakeException("line one\nline two"));
        assertThat(f.describe()).isEqualTo("TLS error: line one line two").doesNotContain("\n");
    }

    @Test
    void anAcceptedVerdictIsNotAFailure() {
        Verdict ok = new Verdict(Outcome.accepted(), Outcome.accepted(), List.of(), false, List.of(), true);
        assertThatThrownBy(() -> new ConnectionFailure.Rejected(ok)).isInstanceOf(IllegalArgumentException.class);
    }

    private static FailureKind kind(Throwable t) {
        ConnectionFailure f = ConnectionFailure.of(t);
        assertThat(f).isInstanceOf(ConnectionFailure.Transport.class);
        return ((ConnectionFailure.Transport) f).kind();
    }
}

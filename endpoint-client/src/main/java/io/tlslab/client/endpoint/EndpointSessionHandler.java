package io.tlslab.client.endpoint;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.tls.identity.ServedIdentity;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's side of the message protocol once the server passed validation: introduce itself
 * (HELLO), report its audit if it does not validate strictly, take the settings the server pushes,
 * and leave politely when told to.
 */
final class EndpointSessionHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(EndpointSessionHandler.class);

    static final String NAME = "session";

    private final Role role;
    private final String guid;
    private final ProductVersion version;
    private final String dialHost;
    private final Consumer<Map<String, String>> onSettings;
    private final Consumer<Message> onOther;
    private final String credential;
    private final Consumer<String> onCredential;

    /**
     * @param credential   what the HELLO presents: {@code reg:<key>}, {@code dev:<credential>} or "" (none)
     * @param onCredential keeps a credential the server issues
     */
    EndpointSessionHandler(
            Role role,
            String guid,
            ProductVersion version,
            String dialHost,
            Consumer<Map<String, String>> onSettings,
            Consumer<Message> onOther,
            String credential,
            Consumer<String> onCredential) {
        this.role = role;
        this.credential = credential;
        this.onCredential = onCredential;
        this.onOther = onOther;
        this.guid = guid;
        this.version = version;
        this.dialHost = dialHost;
        this.onSettings = onSettings;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof HandshakeOutcomeHandler.SessionStart)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        HandshakeOutcome outcome = ((HandshakeOutcomeHandler.SessionStart) evt).outcome;
        ctx.write(new Message.Hello(role, guid, version, credential))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        if (role == Role.ENDPOINT
                && (outcome.mode() == ClientMode.NON_STRICT || outcome.mode() == ClientMode.LEGACY_5X)) {
            // an accepted handshake has a leaf; without one there is no certificate to report on
            outcome.leaf()
                    .ifPresent(leaf -> ctx.write(auditReport(outcome, leaf))
                            .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE));
        }
        ctx.flush();
    }

    /** What strict validation would have concluded; an empty list means it would accept. */
    private Message.AuditReport auditReport(HandshakeOutcome outcome, X509Certificate leaf) {
        List<ReasonCode> failed = new ArrayList<>(outcome.verdict().failedChecks());
        if (!outcome.verdict().strictOutcome().isAccepted()) {
            // the primary reason first, as the server's readiness view shows it
            ReasonCode primary = outcome.verdict().strictOutcome().reason().orElseThrow();
            failed.remove(primary);
            failed.add(0, primary);
        }
        return new Message.AuditReport(dialHost, Fingerprint.sha1(ServedIdentity.der(leaf)), failed);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (msg instanceof Message.Settings) {
            onSettings.accept(((Message.Settings) msg).values());
        } else if (msg instanceof Message.DeviceCredential issued) {
            onCredential.accept(issued.credential());
        } else if (msg instanceof Message.PropertyUpdate || msg instanceof Message.PropertyAck) {
            onOther.accept(msg);
        } else if (msg instanceof Message.Goodbye) {
            String reason = "server said goodbye: " + ((Message.Goodbye) msg).reason();
            log.info(
                    "{} ({})",
                    reason,
                    HandshakeOutcomeHandler.describe(ctx.channel().remoteAddress()));
            ConnectionCloseReason.set(ctx.channel(), reason);
            ctx.close();
        } else {
            String reason = "protocol violation: unexpected " + msg.getClass().getSimpleName() + " from the server";
            log.warn(
                    "closing connection to {}: {}",
                    HandshakeOutcomeHandler.describe(ctx.channel().remoteAddress()),
                    reason);
            ConnectionCloseReason.set(ctx.channel(), reason);
            ctx.close();
        }
    }
}

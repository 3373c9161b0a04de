package io.tlslab.server.console;

import io.netty.handler.codec.http.FullHttpRequest;
import io.tlslab.server.console.auth.Sessions;

/**
 * An API request whose session {@link SessionAuthHandler} has checked. It travels the pipeline in
 * place of the bare request, so a handler after authentication cannot see an unauthenticated API
 * call by mistake. The router releases the request.
 */
record SignedInRequest(FullHttpRequest request, Sessions.Session session) {}

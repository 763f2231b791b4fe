package dev.runplane.services;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A WebSocket through the endpoint: the upgrade is accepted once the replica accepted its own, then frames flow
 * both ways as they are (text, binary, ping/pong by Netty) until either side closes.
 */
final class WebSocketRelay {
    /** Set by the WebSocket handshake itself on each leg; forwarding the client's would break the replica's. */
    private static final Set<String> HANDSHAKE = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "sec-websocket-accept", "host", "content-length");

    private WebSocketRelay() {
    }

    static Mono<Void> relay(HttpClient client, ServiceRoutes.Route route, HttpServerRequest request,
                            HttpServerResponse response, ServicePath path, HttpHeaders forwarded) {
        Optional<Upstream> picked = ServiceRoutes.pick(route.ready(), new HashSet<>());
        if (picked.isEmpty()) {
            return Mono.from(Problems.send(response, io.netty.handler.codec.http.HttpResponseStatus
                    .SERVICE_UNAVAILABLE, "no replica of " + path.project() + "/" + path.run() + " is ready",
                    ServiceProxy.RETRY_AFTER_SECONDS));
        }
        Upstream upstream = picked.get();
        String protocols = request.requestHeaders().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        WebsocketClientSpec.Builder clientSpec = WebsocketClientSpec.builder().handlePing(false);
        if (protocols != null) {
            clientSpec.protocols(protocols);
        }
        upstream.started();
        return client.headers(h -> forwarded.forEach(e -> {
                    if (!HANDSHAKE.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))
                            && !e.getKey().equalsIgnoreCase(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL.toString())) {
                        h.add(e.getKey(), e.getValue());
                    }
                }))
                .websocket(clientSpec.build())
                .uri("ws://" + upstream.host() + ":" + upstream.port() + path.rest() + path.query())
                .connect()
                .flatMap(upstreamConnection -> {
                    WebsocketServerSpec.Builder serverSpec = WebsocketServerSpec.builder().handlePing(false);
                    if (protocols != null) {
                        serverSpec.protocols(protocols);
                    }
                    return Mono.from(response.sendWebsocket((in, out) -> {
                        Mono<Void> toReplica = upstreamConnection.outbound()
                                .sendObject(in.receiveFrames().map(WebSocketFrame::retain)).then();
                        Mono<Void> toClient = out.sendObject(upstreamConnection.inbound().receiveObject()
                                .ofType(WebSocketFrame.class).map(WebSocketFrame::retain)).then();
                        return Mono.firstWithSignal(toReplica, toClient)
                                .doFinally(s -> upstreamConnection.dispose());
                    }, serverSpec.build()));
                })
                .onErrorResume(e -> Mono.from(Problems.send(response,
                        io.netty.handler.codec.http.HttpResponseStatus.BAD_GATEWAY,
                        "replica " + upstream.replicaNum() + " refused the WebSocket", ServiceProxy.RETRY_AFTER_SECONDS)))
                .doFinally(s -> upstream.finished());
    }
}

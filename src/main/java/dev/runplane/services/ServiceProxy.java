package dev.runplane.services;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Forwards one request to a ready replica of its service, streaming both bodies (so Server-Sent Events and long
 * responses pass as they come). A request is tried on another replica when its connection failed before anything
 * was sent, or — for a request without a body that is safe to repeat (GET, HEAD, OPTIONS) — when the replica
 * closed or reset the connection before answering (a replica that was just stopped).
 */
final class ServiceProxy {
    /** Headers of one connection only (RFC 9110 7.6.1), never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate");
    private static final Set<HttpMethod> REPEATABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    static final int MAX_ATTEMPTS = 3;
    static final int RETRY_AFTER_SECONDS = 1;

    private final ServiceRoutes routes;
    private final ServiceGate gate;
    private final HttpClient client;

    ServiceProxy(ServiceRoutes routes, ServiceGate gate) {
        this.routes = routes;
        this.gate = gate;
        // replicas are on this machine or a cluster's network: many kept-alive connections, none waiting forever
        ConnectionProvider pool = ConnectionProvider.builder("runplane-services")
                .maxConnections(4096).pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(30)).build();
        this.client = HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000).keepAlive(true);
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Optional<ServicePath> path = ServicePath.parse(request.uri());
        if (path.isEmpty()) {
            return Problems.send(response, HttpResponseStatus.NOT_FOUND,
                    "no service here: services are at /{project}/{run}/");
        }
        Optional<ServiceRoutes.Route> route = routes.find(path.get().project(), path.get().run());
        if (route.isEmpty()) {
            return Problems.send(response, HttpResponseStatus.NOT_FOUND, "no service " + path.get().project() + "/"
                    + path.get().run());
        }
        return gate.admit(route.get(), request, response).flatMap(admission -> {
            if (admission.answer() != null) {
                return Mono.from(admission.answer());
            }
            if (path.get().rest().isEmpty()) {
                response.status(HttpResponseStatus.PERMANENT_REDIRECT)
                        .header(HttpHeaderNames.LOCATION, path.get().prefix() + "/" + path.get().query());
                return Mono.from(response.send());
            }
            HttpHeaders headers = forwardedHeaders(request, path.get(), admission.consumedAuthorization(),
                    admission.consumedCookie());
            if (isWebSocket(request)) {
                return WebSocketRelay.relay(client, route.get(), request, response, path.get(), headers);
            }
            return forward(request, response, route.get().ready(), path.get(), headers, new HashSet<>(), 1);
        });
    }

    private Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, List<Upstream> ready,
                               ServicePath path, HttpHeaders headers, Set<Upstream> tried, int attempt) {
        Optional<Upstream> picked = ServiceRoutes.pick(ready, tried);
        if (picked.isEmpty()) {
            return Mono.from(tried.isEmpty()
                    ? Problems.send(response, HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "no replica of " + path.project() + "/" + path.run() + " is ready", RETRY_AFTER_SECONDS)
                    : Problems.send(response, HttpResponseStatus.BAD_GATEWAY,
                            "no replica of " + path.project() + "/" + path.run() + " could be reached",
                            RETRY_AFTER_SECONDS));
        }
        Upstream upstream = picked.get();
        tried.add(upstream);
        boolean hasBody = hasBody(request);
        boolean[] bodySent = {false};
        boolean[] answered = {false};
        upstream.started();
        HttpClient.RequestSender sender = client.headers(h -> h.set(headers))
                .request(request.method()).uri("http://" + upstream.host() + ":" + upstream.port() + path.rest()
                        + path.query());
        HttpClient.ResponseReceiver<?> receiver = hasBody ? sender.send((out, nettyOut) -> {
            bodySent[0] = true;
            return nettyOut.send(request.receive().retain());
        }) : sender;
        return receiver.response((upstreamResponse, body) -> {
                    answered[0] = true;
                    response.status(upstreamResponse.status());
                    copyResponseHeaders(upstreamResponse.responseHeaders(), response);
                    return response.send(body.retain());
                })
                .then()
                .doFinally(signal -> upstream.finished())
                .onErrorResume(error -> {
                    boolean nothingSent = !bodySent[0] && !answered[0] && connectFailure(error);
                    boolean safeRepeat = !hasBody && !answered[0] && REPEATABLE.contains(request.method())
                            && connectionLost(error);
                    if ((nothingSent || safeRepeat) && attempt < MAX_ATTEMPTS && !response.hasSentHeaders()) {
                        return forward(request, response, ready, path, headers, tried, attempt + 1);
                    }
                    if (response.hasSentHeaders()) {
                        return Mono.error(error); // mid-stream: the client sees the connection end
                    }
                    return Mono.from(Problems.send(response, HttpResponseStatus.BAD_GATEWAY,
                            "replica " + upstream.replicaNum() + " of " + path.project() + "/" + path.run()
                                    + " did not answer (" + reason(error) + ")", RETRY_AFTER_SECONDS));
                });
    }

    private static boolean connectFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection ended before an answer: closed, reset (a replica stopped with requests in flight; Python's
     * {@code http.server} resets them on TERM) or never made. Only then may a repeatable request go elsewhere.
     */
    static boolean connectionLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PrematureCloseException || t instanceof java.io.IOException) {
                return true;
            }
        }
        return connectFailure(error);
    }

    private static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean hasBody(HttpServerRequest request) {
        HttpHeaders h = request.requestHeaders();
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        return h.contains(HttpHeaderNames.TRANSFER_ENCODING) || length != null && !"0".equals(length.trim());
    }

    static boolean isWebSocket(HttpServerRequest request) {
        String upgrade = request.requestHeaders().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /**
     * The client's headers minus hop-by-hop ones and what Runplane itself consumed (its token, its cookie), plus
     * {@code X-Forwarded-For/-Proto/-Host/-Prefix}.
     */
    static HttpHeaders forwardedHeaders(HttpServerRequest request, ServicePath path, boolean dropAuthorization,
                                        String dropCookie) {
        HttpHeaders out = new DefaultHttpHeaders();
        Set<String> connectionTokens = new HashSet<>();
        for (String value : request.requestHeaders().getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                connectionTokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        request.requestHeaders().forEach(entry -> {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || connectionTokens.contains(name)
                    || dropAuthorization && name.equals("authorization") || name.equals("x-forwarded-prefix")) {
                return;
            }
            if (name.equals("cookie") && dropCookie != null) {
                String rest = ServiceGate.withoutCookie(entry.getValue(), dropCookie);
                if (!rest.isEmpty()) {
                    out.add(entry.getKey(), rest);
                }
                return;
            }
            out.add(entry.getKey(), entry.getValue());
        });
        InetSocketAddress remote = request.remoteAddress();
        String client = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        String earlier = out.get("X-Forwarded-For");
        out.set("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
        if (!out.contains("X-Forwarded-Proto")) {
            out.set("X-Forwarded-Proto", request.scheme());
        }
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        if (host != null && !out.contains("X-Forwarded-Host")) {
            out.set("X-Forwarded-Host", host);
        }
        out.set("X-Forwarded-Prefix", path.prefix());
        return out;
    }

    private static void copyResponseHeaders(HttpHeaders from, HttpServerResponse response) {
        Set<String> connectionTokens = new HashSet<>();
        for (String value : from.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                connectionTokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        from.forEach(entry -> {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !connectionTokens.contains(name)) {
                response.addHeader(entry.getKey(), entry.getValue());
            }
        });
    }
}

package dev.runplane.services;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What every client connection of the services endpoint shares (the routing table, the gate, the replica
 * connections), and the header rules: what is forwarded to a replica and what comes back. Each connection is a
 * {@link ProxyConnection} on plain Netty: Reactor Netty's per-request client and server machinery cost about half
 * of the throughput nginx reaches on the same machine (docs/benchmarks.md, issue 18).
 */
final class ServiceProxy {
    /** Headers of one connection only (RFC 9110 7.6.1), never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate");
    /** Header maps built here hold names and values that came through Netty's decoder (validated there). */
    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValidation(false);
    static final int MAX_ATTEMPTS = 3;
    static final int RETRY_AFTER_SECONDS = 1;

    private final ServiceRoutes routes;
    private final ServiceGate gate;
    private final UpstreamConnections connections;

    ServiceProxy(ServiceRoutes routes, ServiceGate gate, UpstreamConnections connections) {
        this.routes = routes;
        this.gate = gate;
        this.connections = connections;
    }

    ServiceRoutes routes() {
        return routes;
    }

    ServiceGate gate() {
        return gate;
    }

    UpstreamConnections connections() {
        return connections;
    }

    ProxyConnection newConnection() {
        return new ProxyConnection(this);
    }

    static boolean isWebSocket(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** The innermost message of a failure, for a 502's detail ("Connection reset by peer"). */
    static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * The client's headers minus hop-by-hop ones and what Runplane itself consumed (its token, its cookie), plus
     * {@code X-Forwarded-For/-Proto/-Host/-Prefix}.
     */
    static HttpHeaders forwardedHeaders(HttpHeaders request, InetSocketAddress remote, String scheme,
                                        ServicePath path, boolean dropAuthorization, String dropCookie) {
        HttpHeaders out = HEADERS.newHeaders();
        Set<String> connectionTokens = connectionTokens(request);
        request.forEach(entry -> {
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
        String client = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        String earlier = out.get("X-Forwarded-For");
        out.set("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
        if (!out.contains("X-Forwarded-Proto")) {
            out.set("X-Forwarded-Proto", scheme);
        }
        String host = request.get(HttpHeaderNames.HOST);
        if (host != null && !out.contains("X-Forwarded-Host")) {
            out.set("X-Forwarded-Host", host);
        }
        out.set("X-Forwarded-Prefix", path.prefix());
        return out;
    }

    /** A replica's response headers minus hop-by-hop ones (the endpoint frames the body for its own client). */
    static HttpHeaders responseHeaders(HttpHeaders from) {
        HttpHeaders out = HEADERS.newHeaders();
        Set<String> connectionTokens = connectionTokens(from);
        from.forEach(entry -> {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !connectionTokens.contains(name)) {
                out.add(entry.getKey(), entry.getValue());
            }
        });
        return out;
    }

    private static Set<String> connectionTokens(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            return Set.of();
        }
        Set<String> tokens = new HashSet<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }
}

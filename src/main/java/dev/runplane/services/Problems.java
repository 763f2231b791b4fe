package dev.runplane.services;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** RFC 9457 problem details from the services endpoint, in the same shape as the API's. */
final class Problems {
    private Problems() {
    }

    static Publisher<Void> send(HttpServerResponse response, HttpResponseStatus status, String detail) {
        return send(response, status, detail, null);
    }

    static Publisher<Void> send(HttpServerResponse response, HttpResponseStatus status, String detail,
                                Integer retryAfterSeconds) {
        if (response.hasSentHeaders()) {
            return Mono.empty();
        }
        String body = "{\"type\":\"about:blank\",\"title\":\"" + json(status.reasonPhrase()) + "\",\"status\":"
                + status.code() + ",\"detail\":\"" + json(detail) + "\"}";
        response.status(status).header("Content-Type", "application/problem+json").header("Cache-Control",
                "no-store");
        if (retryAfterSeconds != null) {
            response.header("Retry-After", Integer.toString(retryAfterSeconds));
        }
        if (status == HttpResponseStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer realm=\"runplane services\"");
        }
        return response.sendString(Mono.just(body));
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

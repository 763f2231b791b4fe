package dev.runplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The REST API as the CLI uses it: bearer token, {@code X-Runplane-Source: cli} on every request (so the timeline
 * says the change came from the CLI), JSON answers as trees, and every failure turned into a {@link CliException}
 * carrying the server's own message and the matching exit code.
 */
final class RunplaneApi {
    static final String SOURCE_HEADER = "X-Runplane-Source";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return body == null || body.isBlank() ? null : Json.parse(body);
        }
    }

    // HTTP/1.1: the server speaks plain HTTP, and an h2c upgrade attempt buys nothing for a stream of events
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final String baseUrl;
    private final String token;
    private final String project;

    RunplaneApi(CliConfig config) {
        if (config.token() == null) {
            throw new CliException(ExitCodes.ERROR, "no API token: run 'runplane config --token …' or set "
                    + CliConfig.TOKEN_ENV);
        }
        String url = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1)
                : config.url();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new CliException(ExitCodes.ERROR, "the Runplane URL must start with http:// or https://; got '"
                    + url + "'");
        }
        this.baseUrl = url;
        this.token = config.token();
        this.project = config.project();
    }

    String project() {
        return project;
    }

    String runsPath() {
        return "/api/v1/projects/" + segment(project) + "/runs";
    }

    String runPath(String run) {
        return runsPath() + "/" + segment(run);
    }

    String eventsPath() {
        return "/api/v1/projects/" + segment(project) + "/events";
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return check(exchange(request(path).GET())).json();
    }

    JsonNode post(String path, String contentType, String body) {
        return check(exchange(postRequest(path, contentType, body))).json();
    }

    JsonNode postJson(String path, JsonNode body) {
        return post(path, "application/json", Json.compact(body));
    }

    void delete(String path) {
        check(exchange(request(path).DELETE()));
    }

    /** A POST whose error answer the caller handles itself (apply on 409); others use the checked methods. */
    Response tryPost(String path, String contentType, String body) {
        return exchange(postRequest(path, contentType, body));
    }

    /** Opens a Server-Sent-Events stream; the caller reads and closes it. No request timeout: it is meant to stay. */
    InputStream openStream(String path, Long lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header(SOURCE_HEADER, "cli").header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            builder.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                }
                check(new Response(response.statusCode(), body));
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
    }

    Response check(Response response) {
        if (response.status() == 502 || response.status() == 503 || response.status() == 504) {
            // a proxy in front of a restarting server: as good as unreachable, and worth waiting for in -w/-f
            throw new CliException.Unreachable(Problems.message(response.status(), response.body()));
        }
        if (!response.ok()) {
            throw new CliException(ExitCodes.forStatus(response.status()),
                    Problems.message(response.status(), response.body()));
        }
        return response;
    }

    private HttpRequest.Builder postRequest(String path, String contentType, String body) {
        return request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header(SOURCE_HEADER, "cli")
                .header("Accept", "application/json, application/problem+json");
    }

    private URI uri(String path) {
        try {
            return URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.ERROR, "not a valid Runplane URL: " + baseUrl);
        }
    }

    private Response exchange(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
    }

    /** The JDK's exceptions often have no message at all; say what happened in words. */
    CliException.Unreachable unreachable(IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            return new CliException.Unreachable("Runplane at " + baseUrl + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } else if (causedBy(e, ConnectException.class)) {
            why = "connection refused";
        } else if (causedBy(e, UnknownHostException.class)) {
            why = "unknown host";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new CliException.Unreachable("cannot reach Runplane at " + baseUrl + ": " + why);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

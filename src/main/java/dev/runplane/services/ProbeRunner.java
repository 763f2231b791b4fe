package dev.runplane.services;

import dev.runplane.runs.spec.RunSpec.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** Runs one probe against one replica; blocking, so it runs on the prober's own (virtual) threads. */
final class ProbeRunner {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @return null when the probe passes, else the failure in words as the slot shows it */
    String run(Probe probe, String host, int port) {
        return probe.type() == Probe.Type.HTTP ? http(probe, host, port) : tcp(probe, host, port);
    }

    private static String tcp(Probe probe, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, probe.timeout().toMillis()));
            return null;
        } catch (java.net.SocketTimeoutException e) {
            return "tcp probe: no connection to port " + port + " within " + probe.timeout().toMillis() + " ms";
        } catch (IOException e) {
            return "tcp probe: port " + port + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }

    private String http(Probe probe, String host, int port) {
        String target = "GET " + probe.path();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                            + probe.path())).timeout(probe.timeout()).header("User-Agent", "runplane-probe").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 400 ? null : "http probe: " + target + " answered " + status;
        } catch (HttpTimeoutException e) {
            return "http probe: " + target + " took longer than " + probe.timeout().toMillis() + " ms";
        } catch (IOException e) {
            return "http probe: " + target + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "http probe: interrupted";
        } catch (IllegalArgumentException e) {
            return "http probe: " + target + " is not a valid request";
        }
    }
}

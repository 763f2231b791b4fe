package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.services.ServicesEndpoint;
import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmark, not part of {@code verify}: the services endpoint against nginx as a reverse proxy, both in front of
 * one nginx replica serving a small static file (so the proxy, not the upstream, is measured). Throughput with
 * {@code wrk} at 64 connections; latency at a fixed 1,000 requests/s with an open-loop client (each request's time
 * counts from when it was due, so a stall is not hidden). Needs {@code apt-get install -y nginx wrk}. Run with
 * {@code ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ServicesProxyBenchmark}.
 */
@IntegrationTest
class ServicesProxyBenchmark {
    private static final Duration WRK_TIME = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private static final int RATE = 1000;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ServicesEndpoint endpoint;

    @Test
    void directVersusNginxVersusRunplane() throws Exception {
        Path dir = Files.createTempDirectory("svc-bench");
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), "<html><body>" + "x".repeat(500) + "</body></html>\n");
        dir.toFile().setReadable(true, false);
        Files.writeString(dir.resolve("upstream.conf.in"), nginxConf(dir, "upstream-__PORT__", "__PORT__",
                "root " + dir.resolve("www") + ";", 1));
        ApiClient api = new ApiClient("http://localhost:" + port, tokens.create("admin", "svc-bench", null).secret());
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: service
                name: bench-nginx
                auth: false
                commands:
                  - sed "s/__PORT__/$PORT/g" %1$s/upstream.conf.in > %1$s/upstream-$PORT.conf
                  - exec /usr/sbin/nginx -c %1$s/upstream-$PORT.conf
                """.formatted(dir)).status()).isEqualTo(201);
        String runplane = "http://127.0.0.1:" + endpoint.port() + "/default/bench-nginx/index.html";
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create(runplane)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        String upstreamEndpoint = api.get("/api/v1/projects/default/runs/bench-nginx").json().get("replicas").get(0)
                .get("endpoint").asString();
        String direct = "http://" + upstreamEndpoint + "/index.html";

        int proxyPort = freePort();
        Files.writeString(dir.resolve("proxy.conf"), nginxConf(dir, "proxy", Integer.toString(proxyPort), """
                location / { proxy_pass http://upstream; proxy_http_version 1.1; proxy_set_header Connection ""; }""",
                2).replace("http {", "http {\n  upstream upstream { server " + upstreamEndpoint + "; keepalive 128; }"));
        Process proxy = new ProcessBuilder("/usr/sbin/nginx", "-c", dir.resolve("proxy.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("proxy.log").toFile()).start();
        String viaNginx = "http://127.0.0.1:" + proxyPort + "/index.html";
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                    URI.create(viaNginx)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            StringBuilder report = new StringBuilder("\n=== services proxy benchmark (load " + loadAverage()
                    + ") ===\n");
            for (String[] target : List.of(new String[] {"direct", direct}, new String[] {"nginx proxy", viaNginx},
                    new String[] {"runplane", runplane})) {
                wrk(target[1], Duration.ofSeconds(Long.getLong("bench.warmup", 10))); // warm-up (JIT)
                String rps = wrk(target[1], WRK_TIME);
                String latency = openLoop(target[1]);
                report.append(String.format("%-12s wrk -t2 -c64 -d%ds: %s req/s; at %d req/s: %s; load %s%n",
                        target[0], WRK_TIME.toSeconds(), rps, RATE, latency, loadAverage()));
            }
            System.out.println(report);
            Files.writeString(Path.of("target", "services-benchmark.txt"), report.toString());
        } finally {
            proxy.destroy();
            api.postJson("/api/v1/projects/default/runs/bench-nginx/stop", "{\"abort\": true}");
        }
    }

    private static String nginxConf(Path dir, String name, String listenPort, String location, int workers) {
        String tmp = dir.resolve("tmp-" + name).toString();
        return """
                worker_processes %d;
                daemon off;
                user root;
                pid %s.pid;
                error_log stderr warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %s-body; proxy_temp_path %s-proxy; fastcgi_temp_path %s-fcgi;
                  uwsgi_temp_path %s-uwsgi; scgi_temp_path %s-scgi;
                  keepalive_requests 1000000;
                  server { listen 127.0.0.1:%s; %s }
                }
                """.formatted(workers, tmp, tmp, tmp, tmp, tmp, tmp, listenPort,
                location.startsWith("root") ? "location / { " + location + " }" : location);
    }

    private static String wrk(String url, Duration time) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + time.toSeconds() + "s", url)
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        return out.lines().filter(l -> l.startsWith("Requests/sec:")).map(l -> l.substring(13).trim()).findFirst()
                .orElse("? (" + out.replace('\n', ' ') + ")");
    }

    /** {@value #RATE} requests/s for 10 s, each timed from when it was due; p50 and p99 in ms, and errors. */
    private static String openLoop(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        int total = RATE * 10;
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        int[] errors = {0};
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        long periodNanos = 1_000_000_000L / RATE;
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] sent = {0};
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // every request whose time has come (a late tick sends the ones it missed, timed from when they were due)
            while (sent[0] < total && start + sent[0] * periodNanos <= now) {
                long due = start + sent[0] * periodNanos;
                sent[0]++;
                pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    if (e != null || r.statusCode() != 200) {
                        synchronized (errors) {
                            errors[0]++;
                        }
                    } else {
                        micros.add((System.nanoTime() - due) / 1000);
                    }
                }));
            }
            if (sent[0] >= total) {
                done.complete(null);
            }
        }, 0, 200, TimeUnit.MICROSECONDS);
        done.get(60, TimeUnit.SECONDS);
        ticker.shutdownNow();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(60, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("p50 %.2f ms, p99 %.2f ms, %d errors", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0, errors[0]);
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.runplane.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's forwarding on its own (no Spring, no database): a real listener in front of a real HTTP server on
 * loopback (the JDK's), a fixed routing table, a real client. What the whole-application tests do not reach
 * quickly: bodies both ways, HEAD, kept-alive replica connections, a replica that refuses connections.
 */
class ProxyConnectionTest {
    private final ServiceRoutes routes = new ServiceRoutes();
    private final Set<String> upstreamConnections = ConcurrentHashMap.newKeySet();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer replica;
    private ServicesListener listener;

    @BeforeEach
    void start() throws IOException {
        replica = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        replica.setExecutor(Executors.newFixedThreadPool(4));
        replica.createContext("/", exchange -> {
            upstreamConnections.add(exchange.getRemoteAddress().toString());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " got " + body.length
                    + " bytes, prefix " + exchange.getRequestHeaders().getFirst("X-Forwarded-Prefix");
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Replica", "0");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        replica.start();
        ServiceGate gate = new ServiceGate(null, new OpenTickets(Clock.systemUTC()), Duration.ofMinutes(10));
        listener = ServicesListener.bind(0, routes, gate);
    }

    @AfterEach
    void stop() {
        listener.close();
        replica.stop(0);
    }

    private void serve(String... endpoints) {
        List<Upstream> ready = new java.util.ArrayList<>();
        for (int i = 0; i < endpoints.length; i++) {
            ready.add(Upstream.of(i + 1, i, endpoints[i]).orElseThrow());
        }
        routes.publish(Map.of("p/web", new ServiceRoutes.Route(1, "p", 7, "web", false, ready)), id -> true);
    }

    private String replicaEndpoint() {
        return "127.0.0.1:" + replica.getAddress().getPort();
    }

    private String url(String rest) {
        return "http://127.0.0.1:" + listener.port() + rest;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestBodyReachesTheReplicaWholeAndTheAnswerComesBack() throws Exception {
        serve(replicaEndpoint());
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(url("/p/web/upload?x=1")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("POST /upload?x=1 got " + big.length + " bytes, prefix /p/web");
        assertThat(posted.headers().firstValue("X-Replica")).hasValue("0");

        // a body of unknown length (chunked) streams through as well
        HttpResponse<String> streamed = send(HttpRequest.newBuilder(URI.create(url("/p/web/stream")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertThat(streamed.body()).isEqualTo("POST /stream got " + big.length + " bytes, prefix /p/web");
    }

    @Test
    void headAnswersWithoutABodyAndTheConnectionGoesOn() throws Exception {
        serve(replicaEndpoint());
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(url("/p/web/x")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/p/web/after-head")))).body())
                .startsWith("GET /after-head got 0 bytes");
    }

    @Test
    void requestsOneAfterAnotherReuseTheReplicaConnection() throws Exception {
        serve(replicaEndpoint());
        for (int i = 0; i < 200; i++) {
            assertThat(send(HttpRequest.newBuilder(URI.create(url("/p/web/n" + i)))).body())
                    .startsWith("GET /n" + i + " got 0 bytes");
        }
        // one client connection, one event loop: its requests share one kept-alive replica connection
        assertThat(upstreamConnections).hasSize(1);
    }

    @Test
    void aReplicaThatRefusesConnectionsIsSkipped() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        serve("127.0.0.1:" + closedPort, replicaEndpoint());
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/p/web/r" + i))));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        serve("127.0.0.1:" + closedPort);
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(url("/p/web/x"))));
        assertThat(none.statusCode()).isEqualTo(502);
        assertThat(none.body()).contains("no replica of p/web could be reached");
    }

    @Test
    void pathsThatAreNoServiceAndServicesWithoutReadyReplicasSaySo() throws Exception {
        serve();
        HttpResponse<String> noneReady = send(HttpRequest.newBuilder(URI.create(url("/p/web/x"))));
        assertThat(noneReady.statusCode()).isEqualTo(503);
        assertThat(noneReady.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(noneReady.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/p/other/x")))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/nothing")))).statusCode()).isEqualTo(404);
        HttpResponse<String> bare = send(HttpRequest.newBuilder(URI.create(url("/p/web?a=1"))));
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/p/web/?a=1");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnTheirConnection() throws Exception {
        serve(replicaEndpoint());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(10_000);
            // three requests in one write, the last one closing the connection
            socket.getOutputStream().write(("GET /p/web/one HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /p/web/two HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /p/web/three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            int one = all.indexOf("GET /one got 0 bytes");
            int two = all.indexOf("POST /two got 5 bytes");
            int three = all.indexOf("GET /three got 0 bytes");
            assertThat(one).isPositive();
            assertThat(two).isGreaterThan(one);
            assertThat(three).isGreaterThan(two);
        }
    }

    @Test
    void aClientExpectingContinueGetsTheReplicasInterimAnswerThenItsResponse() throws Exception {
        serve(replicaEndpoint());
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(url("/p/web/expect")))
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofString("12345678")));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).startsWith("POST /expect got 8 bytes");
    }

    @Test
    void everyRequestIsCountedOffItsReplicaWhateverBecameOfIt() throws Exception {
        serve(replicaEndpoint());
        Upstream replicaSeen = routes.find("p", "web").orElseThrow().ready().getFirst();
        for (int i = 0; i < 20; i++) {
            send(HttpRequest.newBuilder(URI.create(url("/p/web/ok" + i))));
        }
        // a client that goes away in the middle of its request body
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", listener.port())) {
            socket.getOutputStream().write(("POST /p/web/cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"
                    + "only a little").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(200);
        }
        // least outstanding first only works if finished requests stop counting
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(replicaSeen.outstanding()).isZero());
    }

    @Test
    void oversizedHeadersAndLinesAreRefusedWithTheirOwnStatus() throws Exception {
        serve(replicaEndpoint());
        assertThat(rawStatusLine("GET /p/web/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
        assertThat(rawStatusLine("GET /p/web/" + "b".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414");
        assertThat(rawStatusLine("NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    private String rawStatusLine(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        }
    }
}

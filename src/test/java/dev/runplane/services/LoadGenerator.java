package dev.runplane.services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded closed-loop load on loopback: a few threads, each sending the next request when the last one answered,
 * recording every failure (status other than 200, an error, an answer not from a replica) and who answered.
 */
final class LoadGenerator implements AutoCloseable {
    private static final Pattern REPLICA = Pattern.compile("\"replica\": \"(\\d+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> byReplica = new ConcurrentHashMap<>();
    private final List<Thread> threads;

    LoadGenerator(String url, int threads) {
        this.threads = java.util.stream.IntStream.range(0, threads)
                .mapToObj(i -> Thread.ofPlatform().name("load-" + i).start(() -> loop(url))).toList();
    }

    private void loop(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        while (running.get()) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher m = REPLICA.matcher(response.body());
                if (response.statusCode() != 200 || !m.find()) {
                    failures.add(response.statusCode() + " " + response.body());
                } else {
                    byReplica.computeIfAbsent(m.group(1), k -> new AtomicLong()).incrementAndGet();
                    if (response.body().contains("\"early\": true")) {
                        failures.add("a request reached replica " + m.group(1) + " before it was ready");
                    }
                    if (response.body().contains("\"late\": true")) {
                        failures.add("a request reached replica " + m.group(1) + " after it was asked to stop");
                    }
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
            answered.incrementAndGet();
        }
    }

    long answered() {
        return answered.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    Map<String, Long> byReplica() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        byReplica.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(40));
        }
    }
}

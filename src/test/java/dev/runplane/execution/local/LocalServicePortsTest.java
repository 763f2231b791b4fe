package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.execution.StopSignal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Service replicas get a port of their own from the range and report it as their endpoint. */
class LocalServicePortsTest {

    private final List<BackendHandle> launched = new ArrayList<>();
    private final LocalBackend backend = new LocalBackend(root(), Clock.systemUTC(), 64, "24100-24199");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path root() {
        try {
            return java.nio.file.Files.createTempDirectory("ports-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void killEverythingLaunched() {
        launched.forEach(handle -> backend.signal(handle, StopSignal.KILL));
    }

    private BackendHandle launchService(long id, int submissionNum) {
        BackendHandle handle = backend.launch(new LaunchRequest(id, "p", "web", 0, submissionNum,
                List.of("exec python3 -m http.server --bind 127.0.0.1 $PORT"), Map.of("PORT", "8000"), null, null,
                null, null, true));
        launched.add(handle);
        return handle;
    }

    @Test
    void twoSubmissionsOfOneSlotListenSideBySideOnPortsOfTheRange() {
        BackendHandle first = launchService(1, 0);
        BackendHandle second = launchService(2, 1);

        String a = backend.endpoint(first).orElseThrow();
        String b = backend.endpoint(second).orElseThrow();
        assertThat(a).isNotEqualTo(b);
        for (String endpoint : List.of(a, b)) {
            assertThat(endpoint).startsWith("127.0.0.1:");
            int port = Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1));
            assertThat(port).isBetween(24100, 24199).isNotEqualTo(8000);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(
                    HttpRequest.newBuilder(URI.create("http://" + endpoint + "/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
    }

    @Test
    void aRepeatedLaunchKeepsItsPortAndATaskHasNone() {
        BackendHandle service = launchService(3, 0);
        assertThat(launchService(3, 0)).isEqualTo(service);
        assertThat(backend.endpoint(launchService(3, 0))).isEqualTo(backend.endpoint(service));

        BackendHandle task = backend.launch(new LaunchRequest(4, "p", "t", 0, 0, List.of("sleep 5"), Map.of(),
                null));
        launched.add(task);
        assertThat(backend.endpoint(task)).isEmpty();
    }

    @Test
    void aPortSomeoneListensOnIsNeverHandedOut() throws Exception {
        PortAllocator allocator = new PortAllocator(24200, 24201, Clock.systemUTC());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(24200)) {
            assertThat(allocator.next()).hasValue(24201);
            assertThat(allocator.next()).as("24201 is reserved for the replica that got it").isEmpty();
        }
    }

    @Test
    void aRangeThatIsNotARangeIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> PortAllocator.parse("8000", Clock.systemUTC()))
                .hasMessageContaining("runplane.local.ports");
        assertThatThrownBy(() -> PortAllocator.parse("300-200", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.runplane.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.runplane.metrics.MetricsProperties;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.Replicas;
import dev.runplane.users.tokens.ApiTokenService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * GPU figures from nvidia-smi, end to end. The build machines (developers' and CI's) have no GPU and no
 * nvidia-smi, so a shell script stands in for it at the configured path ({@code runplane.metrics.nvidia-smi}, set
 * by {@link IntegrationTest}) while this test runs: it answers the two queries the sampler makes with CSV as
 * nvidia-smi prints it, naming a real process of replica 0 (a child of its wrapper, so the whole process tree
 * counts) and one process that is no replica's. Everything else is real: replicas, /proc, the sampler, the database,
 * the stats API and the run page.
 */
@IntegrationTest
class GpuStatsIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String RUN = "gpu-stand-in";
    private static final String GPU = "GPU-4b1c9a2e-7d3f-4e8a-b6c5-0f1e2d3c4b5a";
    private static final long MIB = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MetricsProperties metrics;

    private void installStandIn(long pid) throws IOException {
        Path script = Path.of(metrics.nvidiaSmi());
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                #!/bin/sh
                # stands in for nvidia-smi: no GPU on the build machine (GpuStatsIT)
                case "$*" in
                  *--query-compute-apps=pid,gpu_uuid,used_memory*)
                    echo "%d, %s, 1536"
                    echo "1, GPU-99999999-8888-7777-6666-555555555555, 4096";;
                  *--query-gpu=index,uuid,utilization.gpu*)
                    echo "0, %s, 73"
                    echo "1, GPU-99999999-8888-7777-6666-555555555555, 12";;
                  *) exit 2;;
                esac
                """.formatted(pid, GPU, GPU));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static JsonNode latest(JsonNode stats, int replica) {
        return stats.get("replicas").get(replica).get("latest");
    }

    @Test
    void aReplicaOnAGpuShowsItsUtilisationAndMemoryInTheApiAndOnTheRunPage() throws IOException {
        ApiClient api = new ApiClient("http://localhost:" + port, tokens.create("admin", "gpu-it", null).secret());
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: service
                name: %s
                commands: ["sleep 600 & wait"]
                replicas: 2
                stop_grace_period: 1s
                """.formatted(RUN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    api.get(RUNS + "/" + RUN).json().get("runningReplicas").asInt() == 2);
            long wrapper = Replicas.pids(jdbc, RUN, 0).getLast();
            long sleeper = await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(wrapper)
                    .flatMap(p -> p.descendants().filter(d -> d.info().command().orElse("").endsWith("sleep"))
                            .findFirst())
                    .map(ProcessHandle::pid), Optional::isPresent).orElseThrow();
            installStandIn(sleeper);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode stats = api.get(RUNS + "/" + RUN + "/stats").json();
                JsonNode onGpu = latest(stats, 0);
                assertThat(onGpu.isNull()).as("replica 0 sampled").isFalse();
                assertThat(onGpu.get("gpuUtilPercent").isNull()).as("replica 0 GPU %").isFalse();
                assertThat(onGpu.get("gpuUtilPercent").asDouble()).isEqualTo(73.0);
                assertThat(onGpu.get("gpuMemoryBytes").asLong()).isEqualTo(1536 * MIB);
                JsonNode noGpu = latest(stats, 1);
                assertThat(noGpu.isNull()).as("replica 1 sampled").isFalse();
                assertThat(noGpu.get("gpuUtilPercent").isNull()).as("replica 1 uses no GPU").isTrue();
                assertThat(noGpu.get("gpuMemoryBytes").isNull()).isTrue();
            });

            try (BrowserSession browser = new BrowserSession("http://localhost:" + port)) {
                browser.signInDirectly(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
                browser.open("/projects/default/runs/" + RUN);
                Page page = browser.page();
                page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Stats")).click();
                PlaywrightAssertions.assertThat(page.locator("#stats-replica-0 .stats-gpu .stats-value"))
                        .hasText("73.0 %");
                // the GPU chart has replica 0's line only: replica 1 has no GPU
                PlaywrightAssertions.assertThat(page.locator("#stats-chart-gpu polyline[data-series='0']"))
                        .hasCount(1);
                PlaywrightAssertions.assertThat(page.locator("#stats-chart-gpu polyline[data-series='1']"))
                        .hasCount(0);
                PlaywrightAssertions.assertThat(page.locator("#stats-chart-gpu-memory polyline[data-series='0']"))
                        .hasCount(1);
                PlaywrightAssertions.assertThat(page.locator("#stats-replica-0 .stats-gpu-memory .stats-value"))
                        .hasText("1.5 GiB");
                PlaywrightAssertions.assertThat(page.locator("#stats-replica-1 .stats-cpu")).isVisible();
                PlaywrightAssertions.assertThat(page.locator("#stats-replica-1 .stats-gpu")).hasCount(0);
            }
        } finally {
            Files.deleteIfExists(Path.of(metrics.nvidiaSmi()));
            api.postJson(RUNS + "/" + RUN + "/stop", "{\"abort\": true}");
        }
    }
}

package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.LogStream;
import dev.runplane.execution.Observation;
import dev.runplane.execution.ResourceSample;
import dev.runplane.execution.StopSignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping, re-adopting and sampling real replicas. */
class LocalBackendSignalTest {

    @TempDir
    Path root;

    private final AtomicLong ids = new AtomicLong(500);
    private final List<BackendHandle> launched = new ArrayList<>();
    private final List<Process> strays = new ArrayList<>();
    // Handles carry their directory, so observing, signalling and reading need not use the launching instance.
    private final LocalBackend backend = new LocalBackend(Path.of("unused-root-is-fine-for-signals"),
            Clock.systemUTC());
    private LocalBackend launcher;

    @AfterEach
    void killEverythingStarted() {
        launched.forEach(handle -> backend.signal(handle, StopSignal.KILL));
        strays.forEach(Process::destroyForcibly);
    }

    /** Launches and waits until the replica printed "ready", so its traps are in place before any signal. */
    private BackendHandle launchReady(String... commands) {
        BackendHandle handle = launcher().launch(LocalBackendTest.request(ids.incrementAndGet(), Map.of(), commands));
        launched.add(handle);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> new String(backend.readLog(handle, LogStream.STDOUT, 0, 1000).bytes(),
                        StandardCharsets.UTF_8).contains("ready"));
        return handle;
    }

    private LocalBackend launcher() {
        if (launcher == null) {
            launcher = new LocalBackend(root, Clock.systemUTC());
        }
        return launcher;
    }

    private Observation observe(BackendHandle handle) {
        return backend.observe(List.of(handle)).get(handle);
    }

    private Observation awaitNotRunning(BackendHandle handle) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> observe(handle).state() != Observation.State.RUNNING);
        return observe(handle);
    }

    private static List<ProcStat> aliveInSession(BackendHandle handle) {
        long session = LocalHandle.parse(handle).orElseThrow().pid();
        return ProcStat.inSession(session).stream().filter(ProcStat::isAlive).toList();
    }

    @Test
    void termEndsAReplicaAndRecordsTheSignalExitCode() {
        BackendHandle handle = launchReady("echo ready", "sleep 1000");
        assertThat(observe(handle)).isEqualTo(Observation.running());

        backend.signal(handle, StopSignal.TERM);

        assertExited(awaitNotRunning(handle), 143);
        await().atMost(Duration.ofSeconds(5)).until(() -> aliveInSession(handle).isEmpty());
    }

    @Test
    void theWrapperItselfRunsWithACleanEnvironmentAsSessionLeader() throws Exception {
        BackendHandle handle = launcher().launch(LocalBackendTest.request(ids.incrementAndGet(),
                Map.of("LD_PRELOAD", "/nonexistent.so", "BASH_ENV", "/x", "SECRET", "s"), "echo ready", "sleep 1000"));
        launched.add(handle);
        await().atMost(Duration.ofSeconds(10)).until(() -> observe(handle).equals(Observation.running())
                && backend.readLog(handle, LogStream.STDOUT, 0, 100).bytes().length > 0);
        long pid = LocalHandle.parse(handle).orElseThrow().pid();

        String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"));

        assertThat(environ.split("\0")).extracting(entry -> entry.substring(0, entry.indexOf('=')))
                .containsExactlyInAnyOrder("PATH", "HOME", "LANG");
        assertThat(ProcStat.read(pid).orElseThrow().session()).isEqualTo(pid);
        assertThat(ProcStat.read(pid).orElseThrow().processGroup()).isEqualTo(pid);
    }

    @Test
    void aReplicaThatIgnoresTermKeepsRunningUntilKill() throws Exception {
        BackendHandle handle = launchReady("trap '' TERM", "echo ready", "sleep 1000");

        backend.signal(handle, StopSignal.TERM);
        Thread.sleep(700);
        assertThat(observe(handle)).isEqualTo(Observation.running());

        backend.signal(handle, StopSignal.KILL);
        // KILL takes the wrapper along, so no exit code is recorded: vanished, which the reconciler expects.
        assertThat(awaitNotRunning(handle)).isEqualTo(Observation.vanished());
    }

    @Test
    void killEndsTheWholeProcessTree() {
        BackendHandle handle = launchReady("sleep 1000 &", "sh -c 'sleep 1000' &", "echo ready", "wait");
        assertThat(aliveInSession(handle)).hasSizeGreaterThanOrEqualTo(4);

        backend.signal(handle, StopSignal.KILL);

        await().atMost(Duration.ofSeconds(5)).until(() -> aliveInSession(handle).isEmpty());
        assertThat(observe(handle).state()).isNotEqualTo(Observation.State.RUNNING);
    }

    @Test
    void leftoverBackgroundProcessesDieWhenTheScriptEnds() {
        BackendHandle handle = launchReady("sleep 1000 &", "echo ready");

        assertExited(awaitNotRunning(handle), 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> aliveInSession(handle).isEmpty());
    }

    @Test
    void aPidWithAnotherStartTimeIsNeitherObservedNorSignalled() throws Exception {
        Process stranger = new ProcessBuilder("setsid", "sleep", "1000").start();
        strays.add(stranger);
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcStat.read(stranger.pid()).isPresent());
        long realStart = ProcStat.read(stranger.pid()).orElseThrow().startTime();
        BackendHandle recycled = new LocalHandle(stranger.pid(), realStart + 1, root.resolve("1"))
                .toBackendHandle();

        assertThat(observe(recycled)).isEqualTo(Observation.vanished());
        assertThat(backend.sample(recycled)).isEmpty();
        backend.signal(recycled, StopSignal.KILL);
        backend.signal(recycled, StopSignal.TERM);

        Thread.sleep(200);
        assertThat(stranger.isAlive()).isTrue();
        BackendHandle ownJvm = new LocalHandle(ProcessHandle.current().pid(), 1, root.resolve("2")).toBackendHandle();
        assertThat(observe(ownJvm)).isEqualTo(Observation.vanished());
    }

    @Test
    void aNewBackendInstanceReadoptsARunningReplica() {
        BackendHandle handle = launchReady("echo ready", "sleep 1000");

        LocalBackend afterRestart = new LocalBackend(root, Clock.systemUTC());

        assertThat(afterRestart.observe(List.of(handle))).containsEntry(handle, Observation.running());
        afterRestart.signal(handle, StopSignal.TERM);
        assertExited(awaitNotRunning(handle), 143);
    }

    @Test
    void samplingABusyReplicaShowsGrowingCpuAndMemory() throws Exception {
        BackendHandle handle = launchReady("echo ready", "while :; do :; done");

        ResourceSample first = backend.sample(handle).orElseThrow();
        Thread.sleep(600);
        ResourceSample second = backend.sample(handle).orElseThrow();

        assertThat(second.cpuSecondsTotal()).isGreaterThan(first.cpuSecondsTotal());
        assertThat(second.cpuSecondsTotal()).isGreaterThan(0.1);
        assertThat(second.memoryBytes()).isPositive();
        assertThat(second.gpuUtilPercent()).isNull();
        assertThat(second.gpuMemoryBytes()).isNull();
    }

    @Test
    void aSampleNamesEveryProcessOfTheReplicaSoThatGpuUseCanBeFoundByPid() {
        BackendHandle handle = launchReady("sleep 1000 &", "echo ready", "wait");
        long leader = LocalHandle.parse(handle).orElseThrow().pid();
        List<Long> descendants = ProcessHandle.of(leader).orElseThrow().descendants().map(ProcessHandle::pid)
                .toList();

        ResourceSample sample = backend.sample(handle).orElseThrow();

        assertThat(descendants).isNotEmpty();
        assertThat(sample.localProcessIds()).contains(leader).containsAll(descendants);
    }

    @Test
    void aFinishedReplicaHasNoSample() {
        BackendHandle handle = launchReady("echo ready");

        assertExited(awaitNotRunning(handle), 0);
        assertThat(backend.sample(handle)).isEmpty();
    }

    /** Ended with {@code code}, and the wrapper recorded when: a moment ago, on this machine's clock. */
    private static void assertExited(Observation seen, int code) {
        assertThat(seen.state()).as("%s", seen).isEqualTo(Observation.State.EXITED);
        assertThat(seen.exitCode()).as("%s", seen).isEqualTo(code);
        assertThat(seen.endedAt()).as("the recorded end of %s", seen).isNotNull()
                .isBetween(java.time.Instant.now().minusSeconds(120), java.time.Instant.now().plusSeconds(1));
    }
}

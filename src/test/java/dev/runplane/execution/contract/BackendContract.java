package dev.runplane.execution.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.execution.LogChunk;
import dev.runplane.execution.LogStream;
import dev.runplane.execution.Observation;
import dev.runplane.execution.StopSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every execution backend promises the reconciler (like a JDBC driver's TCK): fake, local and Slurm each
 * run these same tests. A backend that runs no commands (the fake) skips the tests about what commands do.
 */
public abstract class BackendContract {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    private final List<BackendHandle> launched = new ArrayList<>();

    protected abstract ExecutionBackend backend();

    /** False for a backend without processes: the tests about commands' output and exit codes are skipped. */
    protected boolean runsCommands() {
        return true;
    }

    /** How long a replica may take from launch to running on this backend. */
    protected Duration startTimeout() {
        return Duration.ofSeconds(10);
    }

    @AfterEach
    void killEverythingLaunched() {
        launched.forEach(handle -> backend().signal(handle, StopSignal.KILL));
    }

    protected BackendHandle launch(long id, String... commands) {
        BackendHandle handle = backend().launch(new LaunchRequest(id, "contract", "run", 0, 0, List.of(commands),
                Map.of("GREETING", "hello $(id) `x`"), null));
        launched.add(handle);
        return handle;
    }

    protected BackendHandle launch(String... commands) {
        return launch(IDS.incrementAndGet(), commands);
    }

    private Observation observe(BackendHandle handle) {
        Map<BackendHandle, Observation> seen = backend().observe(List.of(handle));
        assertThat(seen).containsKey(handle);
        return seen.get(handle);
    }

    private Observation awaitState(BackendHandle handle, Observation.State state, Duration timeout) {
        Observation[] last = new Observation[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = observe(handle);
            assertThat(last[0].state()).isEqualTo(state);
        });
        return last[0];
    }

    private void requireCommands() {
        Assumptions.assumeTrue(runsCommands(), "this backend runs no commands");
    }

    @Test
    void launchingTheSameSubmissionTwiceReturnsTheSameHandle() {
        long id = IDS.incrementAndGet();
        BackendHandle first = launch(id, "sleep 30");
        BackendHandle again = launch(id, "sleep 30");
        assertThat(again).isEqualTo(first);
        awaitState(first, Observation.State.RUNNING, startTimeout());
    }

    @Test
    void observingAnswersForEveryHandleAndAgainTheSame() {
        BackendHandle a = launch("sleep 30");
        BackendHandle b = launch("sleep 30");
        awaitState(a, Observation.State.RUNNING, startTimeout());
        awaitState(b, Observation.State.RUNNING, startTimeout());
        Map<BackendHandle, Observation> once = backend().observe(List.of(a, b));
        Map<BackendHandle, Observation> twice = backend().observe(List.of(a, b));
        assertThat(once).containsOnlyKeys(a, b);
        assertThat(twice.get(a).state()).isEqualTo(once.get(a).state());
        assertThat(twice.get(b).state()).isEqualTo(once.get(b).state());
    }

    @Test
    void aHandleThisBackendNeverWroteIsVanishedAndHarmless() {
        BackendHandle foreign = new BackendHandle("nobody:42:/nowhere");
        assertThat(observe(foreign).state()).isEqualTo(Observation.State.VANISHED);
        backend().signal(foreign, StopSignal.TERM);
        backend().signal(foreign, StopSignal.KILL);
        assertThat(backend().readLog(foreign, LogStream.STDOUT, 0, 1000).isEmpty()).isTrue();
        assertThat(backend().sample(foreign)).isEmpty();
        backend().forget(foreign);
    }

    /** A handle in this backend's own format whose replica never existed or is long gone; empty to skip. */
    protected java.util.Optional<BackendHandle> goneHandle() {
        return java.util.Optional.empty();
    }

    @Test
    void aHandleOfThisBackendWhoseReplicaIsGoneIsVanished() {
        BackendHandle gone = goneHandle().orElse(null);
        Assumptions.assumeTrue(gone != null, "this backend has no replicas that can be gone");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(observe(gone).state()).isEqualTo(Observation.State.VANISHED));
        backend().signal(gone, StopSignal.TERM);
        assertThat(backend().sample(gone)).isEmpty();
    }

    @Test
    void exitCodesAreReportedAsTheCommandsReturnedThem() {
        requireCommands();
        BackendHandle ok = launch("true");
        BackendHandle three = launch("exit 3");
        assertThat(awaitState(ok, Observation.State.EXITED, startTimeout().plusSeconds(5)).exitCode()).isZero();
        assertThat(awaitState(three, Observation.State.EXITED, startTimeout().plusSeconds(5)).exitCode())
                .isEqualTo(3);
        // and observing an ended replica again says the same
        assertThat(observe(three).exitCode()).isEqualTo(3);
    }

    @Test
    void aReplicaThatEndsReportsWhenItEnded() {
        requireCommands();
        Assumptions.assumeTrue(reportsEndTimes(), "this backend does not record end times");
        Instant before = Instant.now();
        BackendHandle handle = launch("sleep 1");
        Observation ended = awaitState(handle, Observation.State.EXITED, startTimeout().plusSeconds(5));
        assertThat(ended.endedAt()).isNotNull().isAfter(before).isBefore(Instant.now().plusMillis(1));
    }

    /** Whether {@link Observation#endedAt()} is filled in (local and Slurm wrappers record it). */
    protected boolean reportsEndTimes() {
        return true;
    }

    @Test
    void termEndsARunningReplicaAndSignallingAgainIsHarmless() {
        BackendHandle handle = launch("sleep 60");
        awaitState(handle, Observation.State.RUNNING, startTimeout());
        backend().signal(handle, StopSignal.TERM);
        backend().signal(handle, StopSignal.TERM);
        Observation ended = awaitState(handle, Observation.State.EXITED, Duration.ofSeconds(15));
        assertThat(ended.exitCode()).isEqualTo(143);
        backend().signal(handle, StopSignal.KILL);
        assertThat(observe(handle).state()).isEqualTo(Observation.State.EXITED);
    }

    @Test
    void logsAreReadByByteOffsetAndRereadingAnOffsetGivesTheSameBytes() {
        requireCommands();
        BackendHandle handle = launch("echo \"one $GREETING\"", "echo two", "echo err >&2");
        awaitState(handle, Observation.State.EXITED, startTimeout().plusSeconds(5));
        LogChunk all = backend().readLog(handle, LogStream.STDOUT, 0, 1 << 16);
        String text = new String(all.bytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("one hello $(id) `x`\ntwo\n");
        assertThat(all.nextOffset()).isEqualTo(all.bytes().length);
        LogChunk tail = backend().readLog(handle, LogStream.STDOUT, 4, 1 << 16);
        assertThat(new String(tail.bytes(), StandardCharsets.UTF_8)).isEqualTo(text.substring(4));
        assertThat(backend().readLog(handle, LogStream.STDOUT, 4, 1 << 16).bytes()).isEqualTo(tail.bytes());
        assertThat(backend().readLog(handle, LogStream.STDOUT, all.nextOffset(), 100).isEmpty()).isTrue();
        assertThat(new String(backend().readLog(handle, LogStream.STDERR, 0, 100).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("err\n");
    }

    @Test
    void aRunningReplicaHasASampleAndAnEndedOneNone() {
        requireCommands();
        BackendHandle handle = launch("sleep 60");
        awaitState(handle, Observation.State.RUNNING, startTimeout());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(backend().sample(handle)).hasValueSatisfying(s ->
                        assertThat(s.memoryBytes()).isPositive()));
        backend().signal(handle, StopSignal.KILL);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(observe(handle).state()).isIn(Observation.State.EXITED, Observation.State.VANISHED);
            assertThat(backend().sample(handle)).isEmpty();
        });
    }
}

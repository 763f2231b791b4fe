package dev.runplane.execution.local;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.LaunchFailedException;
import dev.runplane.execution.LaunchRequest;
import dev.runplane.execution.LogChunk;
import dev.runplane.execution.LogStream;
import dev.runplane.execution.Observation;
import dev.runplane.execution.StopSignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Launching, observing and reading real replicas; stopping and sampling are in {@link LocalBackendSignalTest}. */
class LocalBackendTest {

    @TempDir
    Path root;

    private final AtomicLong ids = new AtomicLong(100);
    private final List<BackendHandle> launched = new ArrayList<>();
    private LocalBackend backend;

    private LocalBackend backend() {
        if (backend == null) {
            backend = new LocalBackend(root, Clock.systemUTC());
        }
        return backend;
    }

    @AfterEach
    void killEverythingLaunched() {
        launched.forEach(handle -> backend().signal(handle, StopSignal.KILL));
    }

    private BackendHandle launch(Map<String, String> env, String... commands) {
        BackendHandle handle = backend().launch(request(ids.incrementAndGet(), env, commands));
        launched.add(handle);
        return handle;
    }

    static LaunchRequest request(long id, Map<String, String> env, String... commands) {
        return new LaunchRequest(id, "proj", "run", 0, 0, List.of(commands), env, null);
    }

    private Observation awaitEnded(BackendHandle handle) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> observe(handle).state() != Observation.State.RUNNING);
        return observe(handle);
    }

    private Observation observe(BackendHandle handle) {
        return backend().observe(List.of(handle)).get(handle);
    }

    private String readAll(BackendHandle handle, LogStream stream) {
        return new String(backend().readLog(handle, stream, 0, 1 << 20).bytes(), StandardCharsets.UTF_8);
    }

    private Path dirOf(BackendHandle handle) {
        return LocalHandle.parse(handle).orElseThrow().dir();
    }

    /**
     * The wrapper records when the replica ended, so an observer that looks much later (a server that was down)
     * still learns the real end: here the observation comes 2 s after a 1 s replica ended.
     */
    @Test
    void theRecordedEndIsWhenTheReplicaEndedNotWhenItWasObserved() throws Exception {
        java.time.Instant launchedAt = java.time.Instant.now();
        BackendHandle handle = launch(Map.of(), "sleep 1", "exit 3");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(dirOf(handle).resolve(ReplicaLauncher.EXIT_CODE)));
        java.time.Instant written = java.time.Instant.now();
        Thread.sleep(2000);

        Observation seen = observe(handle);
        assertExited(seen, 3);
        assertThat(seen.endedAt()).isBetween(launchedAt.plusMillis(1000), written);
        assertThat(Files.readString(dirOf(handle).resolve(ReplicaLauncher.EXIT_CODE)))
                .as("the record: exit code and end in epoch milliseconds")
                .isEqualTo("3 " + seen.endedAt().toEpochMilli() + "\n");
    }

    /** A record from a wrapper that wrote only the code is dated by the file's modification time. */
    @Test
    void aRecordWithoutAnEndTimeIsDatedByTheFile() throws Exception {
        Files.writeString(root.resolve("exit_code"), "7\n");
        java.time.Instant written = Files.getLastModifiedTime(root.resolve("exit_code")).toInstant();
        assertThat(WrapperRecord.read(root)).contains(Observation.exited(7, written));
    }

    @Test
    void outputLandsInLogFilesAndReadLogResumesWithoutLossOrRepeat() throws Exception {
        BackendHandle handle = launch(Map.of(),
                "echo to-stderr >&2",
                "i=0; while [ $i -lt 300 ]; do echo \"line $i\"; i=$((i+1)); done");

        assertExited(awaitEnded(handle), 0);
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        long offset = 0;
        for (LogChunk chunk = backend().readLog(handle, LogStream.STDOUT, offset, 7); !chunk.isEmpty();
             chunk = backend().readLog(handle, LogStream.STDOUT, offset, 7)) {
            assertThat(chunk.nextOffset()).isEqualTo(offset + chunk.bytes().length);
            assertThat(chunk.bytes().length).isLessThanOrEqualTo(7);
            collected.write(chunk.bytes());
            offset = chunk.nextOffset();
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertThat(collected.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(Files.readString(dirOf(handle).resolve("stdout.log"))).isEqualTo(expected.toString());
        assertThat(readAll(handle, LogStream.STDERR)).isEqualTo("to-stderr\n");
        LogChunk beyondEnd = backend().readLog(handle, LogStream.STDOUT, offset + 100, 10);
        assertThat(beyondEnd.isEmpty()).isTrue();
        assertThat(beyondEnd.nextOffset()).isEqualTo(offset + 100);
    }

    @Test
    void missingLogFileOrForeignHandleReadsAsEmptyAtTheSameOffset() {
        BackendHandle missing = new LocalHandle(12345, 1, root.resolve("nope")).toBackendHandle();
        assertThat(backend().readLog(missing, LogStream.STDERR, 42, 100).nextOffset()).isEqualTo(42);
        assertThat(backend().readLog(missing, LogStream.STDERR, 42, 100).isEmpty()).isTrue();

        BackendHandle foreign = new BackendHandle("slurm:123");
        assertThat(backend().readLog(foreign, LogStream.STDOUT, 5, 100).nextOffset()).isEqualTo(5);
        assertThat(observe(foreign)).isEqualTo(Observation.vanished());
        assertThat(backend().sample(foreign)).isEmpty();
        backend().signal(foreign, StopSignal.KILL);
    }

    @Test
    void exitCodesAreRecorded() {
        BackendHandle failing = launch(Map.of(), "echo before", "exit 3", "echo never");
        BackendHandle succeeding = launch(Map.of(), "true");
        BackendHandle failingCommand = launch(Map.of(), "false", "echo never");

        assertExited(awaitEnded(failing), 3);
        assertExited(awaitEnded(succeeding), 0);
        assertExited(awaitEnded(failingCommand), 1);
        assertThat(readAll(failing, LogStream.STDOUT)).isEqualTo("before\n");
        assertThat(readAll(failingCommand, LogStream.STDOUT)).isEmpty();
    }

    @Test
    void environmentValuesArriveByteForByte() throws Exception {
        Map<String, String> env = Map.of(
                "SUBST", "$(id)",
                "BACKTICKS", "`id` and `touch pwned`",
                "INJECT", "'; rm -rf / #",
                "QUOTES", "\"double\" 'single' \\back\\slash",
                "NEWLINE", "first line\nsecond line\n",
                "JNDI", "${jndi:ldap://x}",
                "EMPTY", "",
                "UNICODE", "grüße 🚀 $HOME");
        String[] commands = env.keySet().stream().map(name -> "printenv " + name + " > " + name + ".out")
                .toArray(String[]::new);
        BackendHandle handle = launch(env, commands);

        assertExited(awaitEnded(handle), 0);
        for (Map.Entry<String, String> entry : env.entrySet()) {
            assertThat(Files.readString(dirOf(handle).resolve(entry.getKey() + ".out")))
                    .as(entry.getKey()).isEqualTo(entry.getValue() + "\n");
        }
        assertThat(dirOf(handle).resolve("pwned")).doesNotExist();
    }

    @Test
    void runplaneVariablesArePassedAsGiven() {
        BackendHandle handle = launch(Map.of("PORT", "8123", "RUNPLANE_REPLICA", "2", "RUNPLANE_RUN", "my-run"),
                "printenv PORT RUNPLANE_REPLICA RUNPLANE_RUN");

        assertExited(awaitEnded(handle), 0);
        assertThat(readAll(handle, LogStream.STDOUT)).isEqualTo("8123\n2\nmy-run\n");
    }

    @Test
    void hostileLoaderAndShellVariablesDoNotAffectTheWrapper() {
        BackendHandle handle = launch(Map.of("LD_PRELOAD", "/nonexistent.so", "BASH_ENV", "/nonexistent-bash-env",
                        "ENV", "/nonexistent-env", "PROMPT_COMMAND", "exit 99"),
                "printenv LD_PRELOAD", "exit 7");

        assertExited(awaitEnded(handle), 7);
        assertThat(readAll(handle, LogStream.STDOUT)).isEqualTo("/nonexistent.so\n");
    }

    @Test
    void workingDirectoryDefaultsToTheReplicaDirectoryAndCanBeChosen() throws Exception {
        BackendHandle defaulted = launch(Map.of(), "pwd");
        Path chosen = Files.createDirectory(root.resolve("work dir $(id)"));
        BackendHandle explicit = backend().launch(new LaunchRequest(ids.incrementAndGet(), "p", "r", 0, 0,
                List.of("pwd"), Map.of(), chosen.toString()));
        launched.add(explicit);
        BackendHandle missing = backend().launch(new LaunchRequest(ids.incrementAndGet(), "p", "r", 0, 0,
                List.of("echo never"), Map.of(), root.resolve("absent").toString()));
        launched.add(missing);

        assertExited(awaitEnded(defaulted), 0);
        assertExited(awaitEnded(explicit), 0);
        assertThat(awaitEnded(missing).exitCode()).isNotZero();
        assertThat(readAll(defaulted, LogStream.STDOUT)).isEqualTo(dirOf(defaulted) + "\n");
        assertThat(readAll(explicit, LogStream.STDOUT)).isEqualTo(chosen + "\n");
        assertThat(readAll(missing, LogStream.STDOUT)).isEmpty();
    }

    @Test
    void replicaDirectoryIsNamedByIdAndPrivate() throws Exception {
        BackendHandle handle = backend().launch(request(4242, Map.of("SECRET", "s3cret"), "true"));
        launched.add(handle);

        assertThat(dirOf(handle)).isEqualTo(root.toAbsolutePath().resolve("4242"));
        assertThat(Files.getPosixFilePermissions(dirOf(handle))).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
        awaitEnded(handle);
        backend().forget(handle);
        assertThat(dirOf(handle).resolve("commands.sh")).doesNotExist();
        assertThat(dirOf(handle).resolve("stdout.log")).exists();
        assertExited(observe(handle), 0);
    }

    @Test
    void launchingTheSameSubmissionAgainReturnsTheFirstHandle() {
        BackendHandle first = backend().launch(request(77, Map.of(), "echo once", "sleep 1000"));
        launched.add(first);
        BackendHandle second = backend().launch(request(77, Map.of(), "echo once", "sleep 1000"));

        assertThat(second).isEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> readAll(first, LogStream.STDOUT).equals("once\n"));
        assertThat(observe(first)).isEqualTo(Observation.running());
    }

    @Test
    void invalidEnvironmentNamesAndNulCharactersAreRefused() {
        assertThatThrownBy(() -> backend().launch(request(1, Map.of("PATH;rm", "x"), "true")))
                .isInstanceOf(LaunchFailedException.class).hasMessageContaining("PATH;rm");
        assertThatThrownBy(() -> backend().launch(request(2, Map.of("1X", "x"), "true")))
                .isInstanceOf(LaunchFailedException.class);
        assertThatThrownBy(() -> backend().launch(request(3, Map.of("A", "x\0y"), "true")))
                .isInstanceOf(LaunchFailedException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> backend().launch(request(4, Map.of())))
                .isInstanceOf(LaunchFailedException.class);
        assertThat(root.resolve("1").resolve("stdout.log")).doesNotExist();
    }

    /** Ended with {@code code}, and the wrapper recorded when: a moment ago, on this machine's clock. */
    private static void assertExited(Observation seen, int code) {
        assertThat(seen.state()).as("%s", seen).isEqualTo(Observation.State.EXITED);
        assertThat(seen.exitCode()).as("%s", seen).isEqualTo(code);
        assertThat(seen.endedAt()).as("the recorded end of %s", seen).isNotNull()
                .isBetween(java.time.Instant.now().minusSeconds(120), java.time.Instant.now().plusSeconds(1));
    }
}

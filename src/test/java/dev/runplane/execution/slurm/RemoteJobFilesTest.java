package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.execution.LogChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell side of {@link RemoteJobFiles}, run by a real {@code /bin/sh} on this machine (what the login node's
 * shell does with it over SSH is the same text): files written exactly, markers of many directories in one
 * command, logs by byte offset as raw bytes.
 */
class RemoteJobFilesTest {
    private final SlurmCommands sh = new LocalSlurmCommands(Duration.ofSeconds(10));
    private final RemoteJobFiles files = new RemoteJobFiles(sh, Clock.systemUTC());

    @TempDir
    Path root;

    @Test
    void prepareWritesBothScriptsOwnerOnlyWhateverTheyHold() throws Exception {
        Path dir = root.resolve("jobs").resolve("7");
        String tricky = "echo 'it''s' \"$HOME\" `id` \\\\ $(date)\nEOF\nno newline at the end";
        files.prepare(dir, tricky, "#!/bin/sh\n", 8080, -1, -1);
        assertThat(Files.readString(dir.resolve(SlurmSubmitter.COMMANDS))).isEqualTo(tricky + "\n");
        assertThat(Files.readString(dir.resolve(SlurmSubmitter.WRAPPER))).isEqualTo("#!/bin/sh\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                SlurmSubmitter.COMMANDS)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                SlurmSubmitter.WRAPPER)))).isEqualTo("rwx------");
        // the job root stays passable for the job's user
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void markersOfManyDirectoriesComeFromOneCommandAndAreKnownOnlyAfterIt() throws Exception {
        Path begun = root.resolve("1");
        Path ended = root.resolve("2");
        Path waiting = root.resolve("3");
        files.prepare(begun, "true", "#!/bin/sh\n", 8700, -1, -1);
        files.prepare(ended, "true", "#!/bin/sh\n", null, -1, -1);
        files.prepare(waiting, "true", "#!/bin/sh\n", null, -1, -1);
        Files.writeString(begun.resolve(SlurmSubmitter.STARTED), "1\n");
        Files.writeString(ended.resolve(SlurmSubmitter.STARTED), "1\n");
        Files.writeString(ended.resolve(SlurmSubmitter.EXIT), "3 1700000000123\n");
        assertThat(files.markers(begun)).isEmpty();
        files.refresh(List.of(begun, ended));
        assertThat(files.markers(begun)).hasValueSatisfying(m -> {
            assertThat(m.started()).isTrue();
            assertThat(m.ended()).isEmpty();
            assertThat(m.port()).isEqualTo(8700);
        });
        assertThat(files.markers(ended)).hasValueSatisfying(m -> {
            assertThat(m.ended()).hasValueSatisfying(r -> {
                assertThat(r.exitCode()).isEqualTo(3);
                assertThat(r.endedAt().toEpochMilli()).isEqualTo(1_700_000_000_123L);
            });
            assertThat(m.port()).isNull();
        });
        // asked about once: read in the next refresh too, though the caller did not list it
        assertThat(files.markers(waiting)).isEmpty();
        files.refresh(List.of());
        assertThat(files.markers(waiting)).hasValueSatisfying(m -> assertThat(m.started()).isFalse());
    }

    @Test
    void logsAreReadByByteOffsetAsRawBytes() throws Exception {
        Path log = root.resolve("stdout.log");
        byte[] bytes = {'a', 'b', (byte) 0xC3, (byte) 0xA9, '\n', (byte) 0xFF, 'z'};
        Files.write(log, bytes);
        LogChunk first = files.readLog(log, 0, 3);
        assertThat(first.bytes()).isEqualTo(new byte[] {'a', 'b', (byte) 0xC3});
        assertThat(first.nextOffset()).isEqualTo(3);
        LogChunk rest = files.readLog(log, 3, 100);
        assertThat(rest.bytes()).isEqualTo(new byte[] {(byte) 0xA9, '\n', (byte) 0xFF, 'z'});
        assertThat(rest.nextOffset()).isEqualTo(7);
        assertThat(files.readLog(log, 7, 100).isEmpty()).isTrue();
        assertThat(files.readLog(root.resolve("not-yet"), 0, 100).nextOffset()).isZero();
    }

    @Test
    void smallFilesAreWrittenReadAndDeleted() {
        Path handle = root.resolve("handle");
        assertThat(files.read(handle)).isEmpty();
        files.write(handle, "slurm:12:/x");
        assertThat(files.read(handle)).hasValue("slurm:12:/x");
        assertThat(files.isDirectory(root)).isTrue();
        assertThat(files.isDirectory(handle)).isFalse();
        files.delete(handle);
        assertThat(files.read(handle)).isEmpty();
    }

    /** Stands in for {@code sbatch --parsable} (a real shell command: what the script does with its answer). */
    private static List<String> sbatchAnswering(String shell) {
        return List.of("sh", "-c", shell);
    }

    @Test
    void aFirstLaunchPreparesSubmitsAndWritesTheHandleInOneCommandAndOnlyOnce() throws Exception {
        Path dir = root.resolve("jobs").resolve("41");
        JobFiles.NewJob job = new JobFiles.NewJob(dir, "echo hi", "#!/bin/sh\n", 8123, -1, -1);
        String handle = SlurmHandle.template(dir, JobFiles.JOB_ID);
        java.util.Optional<JobFiles.Submitted> first = files.submitFirst(job,
                sbatchAnswering("[ -f '" + dir + "/commands.sh' ] && echo '4242;cluster'"), sh, handle);
        assertThat(first).hasValueSatisfying(s -> {
            assertThat(s.sbatch().ok()).isTrue();
            assertThat(s.sbatch().out().strip()).isEqualTo("4242;cluster");
            assertThat(s.handleWritten()).isTrue();
        });
        assertThat(Files.readString(dir.resolve(SlurmSubmitter.COMMANDS))).isEqualTo("echo hi\n");
        assertThat(Files.readString(dir.resolve(SlurmSubmitter.PORT)).strip()).isEqualTo("8123");
        assertThat(SlurmHandle.parse(new dev.runplane.execution.BackendHandle(
                Files.readString(dir.resolve(SlurmSubmitter.HANDLE))))).hasValue(new SlurmHandle(4242, dir));
        // a second launch of the same submission submits nothing: the caller looks for the first one
        assertThat(files.submitFirst(job, sbatchAnswering("echo 9999"), sh, handle)).isEmpty();
        assertThat(Files.readString(dir.resolve(SlurmSubmitter.HANDLE))).contains("4242");
    }

    @Test
    void aRefusedSubmissionSaysWhatSbatchSaidAndLeavesNoHandle() throws Exception {
        Path dir = root.resolve("42");
        JobFiles.NewJob job = new JobFiles.NewJob(dir, "true", "#!/bin/sh\n", null, -1, -1);
        java.util.Optional<JobFiles.Submitted> refused = files.submitFirst(job, sbatchAnswering(
                "echo 'sbatch: error: invalid partition specified: gpu' >&2; exit 1"), sh,
                SlurmHandle.template(dir, JobFiles.JOB_ID));
        assertThat(refused).hasValueSatisfying(s -> {
            assertThat(s.sbatch().ok()).isFalse();
            assertThat(s.sbatch().reason()).contains("invalid partition specified: gpu");
            assertThat(s.handleWritten()).isFalse();
        });
        assertThat(dir.resolve(SlurmSubmitter.HANDLE)).doesNotExist();
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAnErrorNotASubmission() throws Exception {
        Path blocked = root.resolve("file-not-dir");
        Files.writeString(blocked, "x");
        JobFiles.NewJob job = new JobFiles.NewJob(blocked.resolve("43"), "true", "#!/bin/sh\n", null, -1, -1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.submitFirst(job,
                        sbatchAnswering("echo 1"), sh, SlurmHandle.template(job.dir(), JobFiles.JOB_ID)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("on the login node");
    }

    @Test
    void aCommandAndTheMarkersAfterItAreOneCommandWithTheCommandsOwnAnswer() throws Exception {
        Path begun = root.resolve("51");
        files.prepare(begun, "true", "#!/bin/sh\n", 8711, -1, -1);
        Files.writeString(begun.resolve(SlurmSubmitter.STARTED), "1\n");
        SlurmCommands.Result result = files.awaitStartThenRun(List.of(), Duration.ZERO, sh, List.of("sh", "-c",
                "printf '51|RUNNING|n1||runplane:%s\\n' \"$0\"", begun.toString()), List.of(begun));
        assertThat(result.ok()).isTrue();
        assertThat(result.out().strip()).isEqualTo("51|RUNNING|n1||runplane:" + begun);
        assertThat(files.markers(begun)).hasValueSatisfying(m -> {
            assertThat(m.started()).isTrue();
            assertThat(m.port()).isEqualTo(8711);
        });

        // a failing command: its status and error come back, and what was known stays as it was
        Files.writeString(begun.resolve(SlurmSubmitter.EXIT), "0 1700000000000\n");
        SlurmCommands.Result failed = files.awaitStartThenRun(List.of(), Duration.ZERO, sh, List.of("sh", "-c",
                "echo 'squeue: error: Unable to contact slurm controller' >&2; exit 1"), List.of(begun));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.reason()).contains("Unable to contact slurm controller");
        assertThat(files.markers(begun)).hasValueSatisfying(m -> assertThat(m.ended()).isEmpty());
    }

    /**
     * The launch check over SSH waits on the login node for a watched wrapper's {@code started} and then asks
     * squeue at once: written 300 ms in, the answer comes well before the 5 s wait is up, with the command's output
     * and the markers of the directories after the watched ones. With no wrapper beginning it waits its time.
     */
    @Test
    void theLaunchCheckWaitsForAWatchedWrapperToBeginThenRunsTheCommand() throws Exception {
        Path watched = root.resolve("61");
        Path running = root.resolve("62");
        files.prepare(watched, "true", "#!/bin/sh\n", null, -1, -1);
        files.prepare(running, "true", "#!/bin/sh\n", 8712, -1, -1);
        Files.writeString(running.resolve(SlurmSubmitter.STARTED), "1\n");
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(watched.resolve(SlurmSubmitter.STARTED), "1\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long began = System.nanoTime();
        SlurmCommands.Result result = files.awaitStartThenRun(List.of(watched), Duration.ofSeconds(5), sh,
                List.of("sh", "-c", "[ -e \"$0/started\" ] && echo '61|RUNNING' || echo '61|PENDING'",
                        watched.toString()), List.of(watched, running));
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        writer.join();
        assertThat(result.out().strip()).isEqualTo("61|RUNNING");
        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
        assertThat(files.markers(watched)).hasValueSatisfying(m -> assertThat(m.started()).isTrue());
        assertThat(files.markers(running)).hasValueSatisfying(m -> assertThat(m.port()).isEqualTo(8712));

        Path idle = root.resolve("63");
        files.prepare(idle, "true", "#!/bin/sh\n", null, -1, -1);
        long waited = System.nanoTime();
        SlurmCommands.Result pending = files.awaitStartThenRun(List.of(idle), Duration.ofMillis(400), sh,
                List.of("echo", "63|PENDING"), List.of(idle));
        assertThat(pending.out().strip()).isEqualTo("63|PENDING");
        assertThat(Duration.ofNanos(System.nanoTime() - waited)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(files.markers(idle)).hasValueSatisfying(m -> assertThat(m.started()).isFalse());
    }
}

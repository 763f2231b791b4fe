package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readers of the observer (the reconciler's pass, the stats API) take the last snapshot and never wait for a poll in
 * progress. The controller's slowness is what is simulated here: squeue answers only when the test lets it.
 */
class SlurmObserverTest {

    @Test
    void aReaderGetsTheLastSnapshotWhileAPollWaitsForSqueue() throws Exception {
        CountDownLatch squeueAsked = new CountDownLatch(2);
        CountDownLatch answer = new CountDownLatch(1);
        SlurmCommands slowController = answering(command -> {
            if (command.getFirst().equals("squeue")) {
                squeueAsked.countDown();
                if (squeueAsked.getCount() == 0) { // the second poll hangs, as on a busy controller
                    await(answer);
                }
                return new SlurmCommands.Result(0, "{\"jobs\": []}", "");
            }
            return new SlurmCommands.Result(0, "", "");
        });
        SlurmObserver observer = new SlurmObserver(slowController, new LocalJobFiles(), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofMillis(50));
        try {
            observer.start();
            assertThat(squeueAsked.await(5, TimeUnit.SECONDS)).as("a second poll began").isTrue();

            SlurmObserver.Snapshot seen = CompletableFuture.supplyAsync(observer::snapshot).get(1, TimeUnit.SECONDS);
            assertThat(seen).isNotEqualTo(SlurmObserver.Snapshot.NONE); // the first poll's
            assertThat(CompletableFuture.supplyAsync(observer::unreachable).get(1, TimeUnit.SECONDS)).isEmpty();
        } finally {
            answer.countDown();
            observer.close();
        }
    }

    @Test
    void checkingAJustLaunchedJobKeepsWhatIsKnownOfTheRunningOnesOverSsh() throws Exception {
        CountDownLatch quickChecks = new CountDownLatch(2);
        SlurmCommands loginNode = answering(command -> {
            if (command.equals(List.of("squeue", "--json"))) {
                return new SlurmCommands.Result(0, """
                        {"jobs": [{"job_id": 1, "job_state": "RUNNING", "nodes": "n1",
                                   "comment": "runplane:/jobs/a"}]}""", "");
            }
            if (command.size() > 3 && command.get(1).equals("-c")
                    && command.get(2).contains("'squeue' '-h' '-j'")) {
                // the launch check: a wait for the watched wrappers (sh -c script sh <looks> <watched> <dirs
                // watched>), squeue -h -j 2 (the launch, still pending), then the markers of the directories
                // after the watched ones, as the login node's shell prints them (awaitStartThenRun)
                quickChecks.countDown();
                int watched = Integer.parseInt(command.get(5));
                return new SlurmCommands.Result(0, "2|PENDING||Priority|runplane:/jobs/b\n\nRUNPLANE_MARKERS_FOLLOW\n"
                        + "1||\n".repeat(command.size() - 6 - watched), "");
            }
            if (command.size() > 4 && command.get(1).equals("-c")) { // the markers of the directories asked for
                return new SlurmCommands.Result(0, "1||\n".repeat(command.size() - 4), "");
            }
            return new SlurmCommands.Result(0, "n1|127.0.0.1\n", "");
        });
        RemoteJobFiles files = new RemoteJobFiles(loginNode, Clock.systemUTC());
        SlurmObserver observer = new SlurmObserver(loginNode, files, Clock.systemUTC(), Duration.ofSeconds(30),
                Duration.ofMillis(20));
        try {
            observer.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> observer.snapshot().jobs().containsKey(1L));
            observer.launched(2, java.nio.file.Path.of("/jobs/b"));
            assertThat(quickChecks.await(5, TimeUnit.SECONDS)).as("the launch was checked on its own").isTrue();

            // the running job's wrapper markers are still known (read with the launch's check, not forgotten)
            assertThat(files.markers(java.nio.file.Path.of("/jobs/a"))).hasValueSatisfying(
                    markers -> assertThat(markers.started()).isTrue());
            assertThat(observer.snapshot().jobs()).containsKeys(1L, 2L);
        } finally {
            observer.close();
        }
    }

    /**
     * A launch is seen when its wrapper begins, not at the next launch-poll interval: with a 3 s interval (so the
     * wait cannot be mistaken for the interval) the wrapper writes {@code started} 300 ms after the launch, and the
     * reconciler is told well before the interval would have come round. squeue says RUNNING only once the
     * marker is there, as the real one says it a moment before. Before the launch check waited for the marker,
     * the launch was told about ~3 s later.
     */
    @Test
    void aLaunchIsToldAboutWhenItsWrapperBeginsNotAtTheNextInterval(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path root) throws Exception {
        java.nio.file.Path dir = root.resolve("7");
        java.nio.file.Files.createDirectories(dir);
        java.util.concurrent.atomic.AtomicInteger quickChecks = new java.util.concurrent.atomic.AtomicInteger();
        SlurmCommands controller = answering(command -> {
            boolean begun = java.nio.file.Files.exists(dir.resolve(SlurmSubmitter.STARTED));
            if (command.equals(List.of("squeue", "--json"))) {
                return new SlurmCommands.Result(0, "{\"jobs\": [{\"job_id\": 7, \"job_state\": \"%s\", \"nodes\": \"n1\","
                        .formatted(begun ? "RUNNING" : "PENDING") + " \"comment\": \"runplane:" + dir + "\"}]}", "");
            }
            if (command.getFirst().equals("squeue")) {
                quickChecks.incrementAndGet();
                return new SlurmCommands.Result(0, "7|" + (begun ? "RUNNING|n1|None" : "PENDING||Priority")
                        + "|runplane:" + dir + "\n", "");
            }
            return new SlurmCommands.Result(0, "n1|127.0.0.1\n", "");
        });
        SlurmObserver observer = new SlurmObserver(controller, new LocalJobFiles(), Clock.systemUTC(),
                Duration.ofSeconds(30), Duration.ofSeconds(3));
        CountDownLatch told = new CountDownLatch(1);
        observer.onLaunchSeen(told::countDown);
        try {
            observer.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> observer.snapshot().jobs().containsKey(7L));
            Thread.sleep(200); // the first poll has ended: the launch's wake-up is not lost while it finishes
            observer.launched(7, dir);
            Thread.sleep(300);
            java.nio.file.Files.writeString(dir.resolve(SlurmSubmitter.STARTED), "1\n");
            long written = System.nanoTime();
            assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - written)).as("told after the wrapper began")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(quickChecks.get()).as("the controller was asked once, after the wait").isEqualTo(1);
        } finally {
            observer.close();
        }
    }

    /** A controller (or login node) answering each command with {@code answer}, as user 1000. */
    private static SlurmCommands answering(java.util.function.Function<List<String>, SlurmCommands.Result> answer) {
        return new SlurmCommands() {
            @Override
            public Result run(List<String> command, String stdin) {
                return answer.apply(command);
            }

            @Override
            public int uid() {
                return 1000;
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

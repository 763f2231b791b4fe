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
        SlurmCommands slowController = new SlurmCommands() {
            @Override
            public Result run(List<String> command, String stdin) {
                if (command.getFirst().equals("squeue")) {
                    squeueAsked.countDown();
                    if (squeueAsked.getCount() == 0) { // the second poll hangs, as on a busy controller
                        await(answer);
                    }
                    return new Result(0, "{\"jobs\": []}", "");
                }
                return new Result(0, "", "");
            }

            @Override
            public int uid() {
                return 1000;
            }
        };
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

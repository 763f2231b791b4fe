package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.execution.LaunchRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmSubmitterTest {
    private static final SlurmProperties PROPERTIES = new SlurmProperties(true, Path.of("/shared/jobs"), "cpu",
            Duration.ofSeconds(1), Duration.ofMillis(100), Map.of(), null, false, Duration.ofSeconds(5),
            SlurmProperties.Mode.LOCAL, null);

    private static List<String> argv(LaunchRequest request) {
        SlurmCommands commands = new LocalSlurmCommands(Duration.ofSeconds(1));
        JobFiles files = new LocalJobFiles();
        SlurmSubmitter submitter = new SlurmSubmitter(PROPERTIES, Path.of("/shared/jobs"), commands, files,
                new SlurmObserver(commands, files, Clock.systemUTC(), Duration.ofSeconds(1),
                        Duration.ofMillis(100)));
        return submitter.sbatch(request, Path.of("/shared/jobs/7"), new SlurmSubmitter.RunAs(true, 1001, 1002));
    }

    @Test
    void resourcesTimeAndPlacementBecomeSbatchOptions() {
        LaunchRequest request = new LaunchRequest(7, "ml", "train", 2, 0, List.of("python train.py"), Map.of(),
                null, new LaunchRequest.Resources(new BigDecimal("3.5"), 1_500_000_000L, 1), Duration.ofMinutes(90),
                Map.of("partition", "gpu", "account", "ml", "constraint", "a100"));
        assertThat(argv(request)).contains("sbatch", "--parsable", "--job-name=rp-ml-train-r2",
                "--comment=runplane:/shared/jobs/7", "--output=/shared/jobs/7/stdout.log",
                "--cpus-per-task=4", "--mem=1431M", "--gres=gpu:1", "--time=0-01:30:00", "--partition=gpu",
                "--account=ml", "--constraint=a100", "--uid=1001", "--gid=1002", "--export=NIL")
                .endsWith("/shared/jobs/7/job.sh")
                .noneMatch(arg -> arg.startsWith("--qos"));
    }

    @Test
    void theDefaultPartitionAppliesWhenTheSpecNamesNone() {
        LaunchRequest request = new LaunchRequest(7, "p", "r", 0, 0, List.of("true"), Map.of(), null);
        assertThat(argv(request)).contains("--partition=cpu", "--cpus-per-task=1", "--mem=489M")
                .noneMatch(arg -> arg.startsWith("--gres") || arg.startsWith("--time"));
    }

    @Test
    void sbatchRefusalsNameTheSpecField() {
        LaunchRequest request = new LaunchRequest(7, "p", "r", 0, 0, List.of("true"), Map.of(), null, null, null,
                Map.of("partition", "nosuch"));
        assertThat(SlurmSubmitter.explain("sbatch: error: Batch job submission failed: Invalid partition name "
                + "specified", request)).startsWith("slurm.partition ('nosuch'): Slurm refused the job");
        assertThat(SlurmSubmitter.explain("sbatch: error: Memory specification can not be satisfied", request))
                .startsWith("resources.memory:");
        assertThat(SlurmSubmitter.explain("sbatch: error: something else", request))
                .isEqualTo("Slurm refused the job: sbatch: error: something else");
    }

    @Test
    void timeLimitsRoundUpToWholeSeconds() {
        assertThat(SlurmSubmitter.timeLimit(Duration.ofMillis(2500))).isEqualTo("0-00:00:03");
        assertThat(SlurmSubmitter.timeLimit(Duration.ofDays(2).plusHours(3))).isEqualTo("2-03:00:00");
    }

    @Test
    void aControllerThatDoesNotAnswerIsToldApartFromARefusedJob() {
        assertThat(SlurmSubmitter.controllerUnreachable(new SlurmCommands.Result(1, "",
                "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)")))
                .isTrue();
        assertThat(SlurmSubmitter.controllerUnreachable(new SlurmCommands.Result(124, "", "sbatch did not answer")))
                .isTrue();
        assertThat(SlurmSubmitter.controllerUnreachable(new SlurmCommands.Result(SlurmCommands.UNREACHABLE, "",
                "SSH to root@login:22: Connection refused"))).isTrue();
        assertThat(SlurmSubmitter.controllerUnreachable(new SlurmCommands.Result(1, "",
                "sbatch: error: Batch job submission failed: Invalid partition name specified"))).isFalse();
    }

    @Test
    void aJobSubmittedBeforeTheProjectsUserWentAwayIsStillAdoptedNotOrphaned(@org.junit.jupiter.api.io.TempDir Path root)
            throws Exception {
        // a crash after sbatch: the directory and its handle are there; meanwhile the project's user is gone
        Path dir = root.resolve("7");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve(SlurmSubmitter.HANDLE), "slurm:4242:" + dir);
        SlurmProperties properties = new SlurmProperties(true, root, "cpu", Duration.ofSeconds(1),
                Duration.ofMillis(100), Map.of("p", "no-such-user-rp"), null, false, Duration.ofSeconds(5),
                SlurmProperties.Mode.LOCAL, null);
        SlurmCommands commands = new LocalSlurmCommands(Duration.ofSeconds(5));
        JobFiles files = new LocalJobFiles();
        SlurmSubmitter submitter = new SlurmSubmitter(properties, root, commands, files, new SlurmObserver(commands,
                files, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMillis(100)));
        LaunchRequest request = new LaunchRequest(7, "p", "r", 0, 0, List.of("true"), Map.of(), null);
        assertThat(submitter.submit(request)).isEqualTo(new SlurmHandle(4242, dir));

        // a first launch of another submission still says what is wrong
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> submitter.submit(new LaunchRequest(8, "p", "r", 0, 0,
                        List.of("true"), Map.of(), null)))
                .isInstanceOf(dev.runplane.execution.LaunchFailedException.class)
                .hasMessageContaining("no-such-user-rp");
    }
}

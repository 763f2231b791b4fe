package dev.runplane.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Slurm the Slurm tests run against ({@code bin/slurm-test-cluster}). Without one, the tests are skipped
 * with a line saying how to start it, unless {@code RUNPLANE_TEST_SLURM=required} (CI), which makes it a failure.
 */
public final class SlurmCluster {
    public static final String HOW_TO_START = "no Slurm here: start one with `sudo bin/slurm-test-cluster` "
            + "(two nodes on this host) to run the Slurm tests";

    private SlurmCluster() {
    }

    /** Call first in every Slurm test (e.g. in {@code @BeforeAll}). */
    public static void require() {
        if (answers()) {
            return;
        }
        if ("required".equalsIgnoreCase(System.getenv("RUNPLANE_TEST_SLURM"))) {
            fail("RUNPLANE_TEST_SLURM=required but Slurm does not answer (sinfo failed); " + HOW_TO_START);
        }
        Assumptions.abort(HOW_TO_START);
    }

    private static boolean answers() {
        return run("sinfo", "-h", "-o", "%N").isPresent();
    }

    /** Runs a command and gives its stdout when it exits 0 within 20 s. */
    public static java.util.Optional<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return java.util.Optional.of(out);
            }
            p.destroyForcibly();
            return java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}

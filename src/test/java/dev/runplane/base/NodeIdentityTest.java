package dev.runplane.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node id file and the data directory lock, with real second processes (the lock is per process). */
class NodeIdentityTest {

    @TempDir
    Path root;

    @Test
    void theIdIsDrawnOnceAndKeptAcrossRestarts() throws Exception {
        Path dataDir = root.resolve("data");
        Probe first = probe(dataDir);
        assertThat(first.exitCode()).as(first.output()).isZero();
        String id = first.output().trim();
        assertThat(Files.readString(dataDir.resolve(NodeIdentity.ID_FILE)).trim()).isEqualTo(id);

        // the first process is gone, so is its lock: the next one is the same node
        Probe restarted = probe(dataDir);
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(restarted.output().trim()).isEqualTo(id);
        assertThat(NodeIdentity.of(dataDir).id()).isEqualTo(id);
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefusedWithAClearMessage() throws Exception {
        Path dataDir = root.resolve("shared");
        NodeIdentity.of(dataDir);

        Probe second = probe(dataDir);
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.output()).contains("The data directory " + dataDir.toAbsolutePath()
                + " is in use by another Runplane process (pid " + ProcessHandle.current().pid() + ")");
    }

    @Test
    void eachFurtherContextInOneJvmIsANodeOfItsOwn() {
        Path dataDir = root.resolve("contexts");
        String first = NodeIdentity.of(dataDir).id();
        assertThat(NodeIdentity.of(dataDir).id()).isEqualTo(first + "-2");
        assertThat(NodeIdentity.of(dataDir).id()).isEqualTo(first + "-3");
    }

    @Test
    void aDamagedIdFileIsNotSilentlyReplaced() throws Exception {
        Path dataDir = Files.createDirectories(root.resolve("damaged"));
        Files.writeString(dataDir.resolve(NodeIdentity.ID_FILE), "not an id!\n");
        Probe probe = probe(dataDir);
        assertThat(probe.exitCode()).isEqualTo(1);
        assertThat(probe.output()).contains("does not hold a node id");
    }

    private record Probe(int exitCode, String output) {
    }

    /** Runs {@link NodeIdentityProbe} in a new JVM: what a second server process would do first. */
    private static Probe probe(Path dataDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), NodeIdentityProbe.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Probe(process.exitValue(), output);
    }

    /** Takes the node identity of the data directory given and prints it, or why it could not. */
    public static final class NodeIdentityProbe {
        public static void main(String[] args) {
            try {
                System.out.println(NodeIdentity.of(Path.of(args[0])).id());
            } catch (RuntimeException e) {
                System.out.println(e.getMessage());
                System.exit(1);
            }
        }

        private NodeIdentityProbe() {
        }
    }
}

package dev.runplane.execution.slurm;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.contract.BackendContract;
import dev.runplane.support.SlurmCluster;
import dev.runplane.support.SshLoginNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Slurm backend over SSH keeps every promise of the contract: commands, job directories, logs and records all
 * through a real OpenSSH server on a loopback port, the job directory a path Runplane never touches itself.
 */
class SlurmSshBackendContractIT extends BackendContract {
    private static SshLoginNode node;
    private static SlurmBackend backend;

    @BeforeAll
    static void startBackend() throws Exception {
        SlurmCluster.require();
        node = SshLoginNode.start(false);
        Path jobs = Path.of("/tmp", "slurm-ssh-contract-" + UUID.randomUUID().toString().substring(0, 8));
        SlurmProperties.Ssh ssh = new SlurmProperties.Ssh("127.0.0.1", node.port(), "root", node.privateKey(),
                node.knownHosts(), false, Duration.ofSeconds(2));
        // the SSH user is root, which submits as root only when allowed
        SlurmProperties properties = new SlurmProperties(true, jobs, null, Duration.ofMillis(500),
                Duration.ofMillis(100), Map.of(), null, true, Duration.ofSeconds(20), SlurmProperties.Mode.SSH, ssh);
        backend = new SlurmBackend(properties, jobs, Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stopBackend() throws Exception {
        if (backend != null) {
            backend.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected ExecutionBackend backend() {
        return backend;
    }

    @Override
    protected Optional<BackendHandle> goneHandle() {
        return Optional.of(new BackendHandle("slurm:99999999:/tmp/no-such-job"));
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(20);
    }
}

package dev.runplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd}, Debian's {@code openssh-server}) on a loopback port, playing a
 * cluster's login node: the test makes its host key, a client key pair for root (authorized) and a
 * {@code known_hosts} listing the host key. With {@code logCommands}, every command run over it is appended to
 * {@link #commandLog()} (a {@code ForceCommand} that logs, then runs it), so a test can see what went over SSH.
 * Without sshd the test is skipped, unless {@code RUNPLANE_TEST_SLURM=required} (CI), which makes it a failure.
 */
public final class SshLoginNode implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final boolean logCommands;
    private Process sshd;

    private SshLoginNode(Path dir, int port, boolean logCommands) {
        this.dir = dir;
        this.port = port;
        this.logCommands = logCommands;
    }

    public static SshLoginNode start(boolean logCommands) throws Exception {
        if (!Files.isExecutable(SSHD)) {
            String how = "no OpenSSH server here: `apt-get install -y openssh-server` to run the SSH tests";
            if ("required".equalsIgnoreCase(System.getenv("RUNPLANE_TEST_SLURM"))) {
                throw new AssertionError("RUNPLANE_TEST_SLURM=required but " + how);
            }
            Assumptions.abort(how);
        }
        Path dir = Files.createTempDirectory("ssh-login-node");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SshLoginNode node = new SshLoginNode(dir, port, logCommands);
        node.configure();
        node.startSshd();
        return node;
    }

    private void configure() throws Exception {
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("other_host_key"));
        keygen(dir.resolve("client_key"));
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        writeKnownHosts("host_key.pub");
        Path logged = dir.resolve("logged.sh");
        // a script on standard input (sh -s: a launch's one exec request) is logged as it is read
        Files.writeString(logged, "#!/bin/sh\nprintf '%s\\n' \"$SSH_ORIGINAL_COMMAND\" >> " + commandLog()
                + "\ncase \"$SSH_ORIGINAL_COMMAND\" in \"'sh' '-s'\") tee -a " + commandLog()
                + " | /bin/sh -s; exit $? ;;\n"
                // a kept shell: each command it is fed stands on a line of its own, as an exec request's would
                + "\"'sh'\") tee -a " + commandLog() + " | /bin/sh; exit $? ;; esac\n"
                + "exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        Files.setPosixFilePermissions(logged, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                // the test's files live under /tmp (world-writable): the ownership checks would refuse them
                "StrictModes no",
                "MaxSessions 20",
                // root's shell is bash, which reads ~/.bashrc when sshd runs it unless SHLVL says it is nested;
                // this machine's bashrc runs `pyenv rehash`, whose lock file outlives an sshd killed by a test
                "SetEnv SHLVL=1",
                logCommands ? "ForceCommand " + logged : "",
                "")));
        Files.createDirectories(Path.of("/run/sshd"));
    }

    private static void keygen(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).as("ssh-keygen " + key).isTrue();
    }

    private void writeKnownHosts(String publicKey) throws IOException {
        String[] key = Files.readString(dir.resolve(publicKey)).strip().split(" ");
        Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n");
    }

    /** Starts sshd again (after {@link #stop()}), on the same port with the same host key. */
    public void startSshd() throws Exception {
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log")
                        .toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                assertThat(sshd.isAlive()).as("sshd: " + Files.readString(dir.resolve("sshd.log"))).isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("sshd did not listen on " + port + ": " + Files.readString(dir.resolve("sshd.log")));
    }

    /** Stops the server and every connection it holds (the listener and its per-connection children). */
    public void stop() throws InterruptedException {
        if (sshd == null) {
            return;
        }
        sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        sshd.destroyForcibly();
        sshd.waitFor(10, TimeUnit.SECONDS);
        sshd = null;
    }

    /** From now on the login node presents a key {@code known_hosts} does not list for it (a changed key). */
    public void changeHostKey() throws Exception {
        stop();
        Files.writeString(dir.resolve("sshd_config"), Files.readString(dir.resolve("sshd_config"))
                .replace("HostKey " + dir.resolve("host_key") + "\n", "HostKey " + dir.resolve("other_host_key")
                        + "\n"));
        startSshd();
    }

    /** The SHA256 fingerprint of the key the server presents after {@link #changeHostKey()}. */
    public String otherHostKeyFingerprint() throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f",
                dir.resolve("other_host_key.pub").toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.split(" ")[1];
    }

    public int port() {
        return port;
    }

    public Path privateKey() {
        return dir.resolve("client_key");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** sshd's own log ({@code -e}): one "Accepted publickey" line per connection. */
    public Path sshdLog() {
        return dir.resolve("sshd.log");
    }

    public Path commandLog() {
        return dir.resolve("commands.log");
    }

    /** Runplane's settings for this login node (SSH user root). */
    public List<String> settings() {
        return List.of("--runplane.slurm.mode=ssh", "--runplane.slurm.ssh.host=127.0.0.1",
                "--runplane.slurm.ssh.port=" + port, "--runplane.slurm.ssh.user=root",
                "--runplane.slurm.ssh.private-key=" + privateKey(), "--runplane.slurm.ssh.known-hosts=" + knownHosts());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

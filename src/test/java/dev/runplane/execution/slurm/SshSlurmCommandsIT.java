package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.SshLoginNode;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SSH side alone against a real OpenSSH server on a loopback port: commands with arguments a shell would
 * mangle, concurrent commands over one connection, commands fed to kept shells, a connection made again after the server came back, and a
 * changed host key refused with the host and the fingerprint named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshSlurmCommandsIT {
    static SshLoginNode node;
    static SshSlurmCommands commands;

    @BeforeAll
    static void start() throws Exception {
        node = SshLoginNode.start(true);
        SlurmProperties.Ssh ssh = new SlurmProperties.Ssh("127.0.0.1", node.port(), "root", node.privateKey(),
                node.knownHosts(), false, Duration.ofSeconds(1));
        commands = new SshSlurmCommands(ssh, Duration.ofSeconds(10), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (commands != null) {
            commands.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void argumentsArriveAsTheyWereAndStdinIsPassed() {
        SlurmCommands.Result echo = commands.run(List.of("printf", "%s|", "it's", "$HOME", "a b", "`id`"));
        assertThat(echo.ok()).as(echo.err()).isTrue();
        assertThat(echo.out()).isEqualTo("it's|$HOME|a b|`id`|");
        assertThat(commands.run(List.of("sh", "-c", "exit 3")).exitCode()).isEqualTo(3);
        assertThat(commands.run(List.of("cat"), "from stdin\n").out()).isEqualTo("from stdin\n");
        assertThat(commands.uid()).isZero();
    }

    @Test
    @Order(2)
    void concurrentCommandsShareOneConnection() throws Exception {
        List<CompletableFuture<SlurmCommands.Result>> runs = IntStream.range(0, 20).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> commands.run(List.of("echo", Integer.toString(i))))).toList();
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).get().out().strip()).isEqualTo(Integer.toString(i));
        }
        assertThat(Files.readString(node.commandLog()).lines().filter(l -> l.startsWith("'echo' ")).count())
                .isEqualTo(20);
        // all of it over one connection: sshd logs each accepted key, once per connection
        assertThat(Files.readString(node.sshdLog()).lines().filter(l -> l.contains("Accepted publickey")).count())
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void commandsAreFedToAFewKeptShellsNotAnExecRequestEach() throws Exception {
        for (int i = 0; i < 30; i++) {
            SlurmCommands.Result echo = commands.run(List.of("echo", "kept " + i));
            assertThat(echo.out()).isEqualTo("kept " + i + "\n");
        }
        List<String> logged = Files.readString(node.commandLog()).lines().toList();
        assertThat(logged.stream().filter(l -> l.startsWith("'echo' 'kept ")).count()).isEqualTo(30);
        // each kept shell is one exec request ('sh'), made once: 30 commands in a row opened none beyond the
        // shells the concurrent ones before had opened
        assertThat(logged.stream().filter(l -> l.equals("'sh'")).count())
                .isBetween(1L, (long) SshSlurmCommands.MAX_SHELLS);
    }

    @Test
    @Order(4)
    void aLostConnectionIsMadeAgainOnceTheServerIsBack() throws Exception {
        node.stop();
        SlurmCommands.Result down = commands.run(List.of("true"));
        assertThat(down.exitCode()).isEqualTo(SlurmCommands.UNREACHABLE);
        assertThat(down.reason()).contains("127.0.0.1");
        node.startSshd();
        await().atMost(Duration.ofSeconds(15)).until(() -> commands.run(List.of("true")).ok());
    }

    @Test
    @Order(5)
    void aChangedHostKeyIsRefusedNamingHostAndFingerprint() throws Exception {
        node.changeHostKey();
        String fingerprint = node.otherHostKeyFingerprint();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            SlurmCommands.Result refused = commands.run(List.of("true"));
            assertThat(refused.exitCode()).isEqualTo(SlurmCommands.UNREACHABLE);
            assertThat(refused.reason()).contains("host key", "127.0.0.1:" + node.port(), fingerprint, "refused");
        });
    }
}

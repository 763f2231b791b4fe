package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kept shell's framing against a real {@code /bin/sh} fed through pipes, as the SSH channel feeds the login
 * node's (SshSlurmCommandsIT runs it over a real OpenSSH server).
 */
class RemoteShellTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Process process;
    private RemoteShell shell;

    @BeforeEach
    void startShell() throws IOException {
        process = new ProcessBuilder(RemoteShell.COMMAND).start();
        shell = new RemoteShell();
        pump(process.getInputStream(), shell.stdout());
        pump(process.getErrorStream(), shell.stderr());
        shell.attach(process.getOutputStream(), process::destroyForcibly);
        process.onExit().thenRun(() -> shell.broken(new IOException("the shell's channel closed")));
    }

    @AfterEach
    void stopShell() {
        shell.close();
    }

    private SlurmCommands.Result run(String stdin, String... command) throws Exception {
        return shell.run(List.of(command), stdin, TIMEOUT);
    }

    @Test
    void argumentsArriveAsTheyWereAndTheOutputComesBackByteForByte() throws Exception {
        assertThat(run(null, "printf", "%s|", "it's", "$HOME", "a b", "`id`", "\n").out())
                .isEqualTo("it's|$HOME|a b|`id`|\n|");
        // raw bytes, no newline at the end, a line of its own that looks like the end: all as printed
        SlurmCommands.Result raw = run(null, "printf", "\\001\\377\\n\\nrp-end-00 0\\n\\nlast");
        assertThat(raw.bytes()).containsExactly(1, 0xff, '\n', '\n', 'r', 'p', '-', 'e', 'n', 'd', '-', '0', '0', ' ',
                '0', '\n', '\n', 'l', 'a', 's', 't');
        assertThat(run(null, "true").bytes()).isEmpty();
    }

    @Test
    void theExitStatusAndStderrAreEachCommandsOwn() throws Exception {
        SlurmCommands.Result failed = run(null, "sh", "-c", "echo partial; echo 'no such job' >&2; exit 3");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.out()).isEqualTo("partial\n");
        assertThat(failed.err()).isEqualTo("no such job\n");

        SlurmCommands.Result next = run(null, "echo", "fine");
        assertThat(next.exitCode()).isZero();
        assertThat(next.out()).isEqualTo("fine\n");
        assertThat(next.err()).isEmpty();
    }

    @Test
    void stdinIsPassedExactlyAndOtherwiseEmpty() throws Exception {
        String script = "line one\nit's 'quoted' \"too\" $HOME\nno newline at the end";
        assertThat(run(script, "cat").out()).isEqualTo(script);
        assertThat(run(null, "cat").out()).isEmpty(); // not the shell's own stdin: the next command is not eaten
        assertThat(run("echo from a script; exit 4\n", "sh", "-s").exitCode()).isEqualTo(4);
        assertThat(run(null, "echo", "still here").out()).isEqualTo("still here\n");
    }

    @Test
    void nothingACommandChangesOutlivesIt() throws Exception {
        String home = run(null, "pwd").out();
        run(null, "cd", "/");
        assertThat(run(null, "pwd").out()).isEqualTo(home);
        assertThat(run(null, "exit", "7").exitCode()).isEqualTo(7);
        assertThat(run(null, "echo", "after exit").out()).isEqualTo("after exit\n");
        assertThat(shell.isOpen()).isTrue();
    }

    @Test
    void aLargeAnswerComesBackWhole() throws Exception {
        SlurmCommands.Result big = run(null, "sh", "-c",
                "i=0; while [ $i -lt 20000 ]; do echo \"job $i\"; i=$((i+1)); done");
        List<String> lines = big.out().lines().toList();
        assertThat(lines).hasSize(20000);
        assertThat(lines.getLast()).isEqualTo("job 19999");
    }

    @Test
    void aCommandThatDoesNotEndInTimeClosesTheShell() {
        assertThatThrownBy(() -> shell.run(List.of("sleep", "5"), null, Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class);
        assertThat(shell.isOpen()).isFalse();
        assertThatThrownBy(() -> run(null, "true")).isInstanceOf(IOException.class);
    }

    @Test
    void aShellThatDiesFailsTheCommandItWasRunning() throws Exception {
        long started = System.nanoTime();
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            process.destroyForcibly();
        });
        assertThatThrownBy(() -> run(null, "sleep", "5")).isInstanceOf(IOException.class);
        killer.join();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertThat(shell.isOpen()).isFalse();
    }

    private static void pump(InputStream from, OutputStream to) {
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[4096];
            try (from) {
                for (int n; (n = from.read(buffer)) > 0; ) {
                    to.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the shell ended
            }
        });
    }
}

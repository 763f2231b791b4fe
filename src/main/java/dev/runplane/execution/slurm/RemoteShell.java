package dev.runplane.execution.slurm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A POSIX shell kept open on the login node and fed one command at a time, so that a command over SSH costs what
 * the command costs. An exec request per command made the login node's sshd start a session and a shell for each
 * (~100 ms on the test machine's loopback SSH, against ~0.4 ms for {@code true} and ~4.5 ms for {@code squeue -j}
 * through a kept shell; docs/benchmarks.md).
 *
 * <p>Each command runs in a subshell of its own (nothing it changes — directory, variables — outlives it), its
 * stdin is what the caller gave or {@code /dev/null}, and it is followed by an end marker on stdout (with its exit
 * status) and on stderr. The marker carries a random token made for this shell, which no command's output can
 * guess, and is preceded by a newline that is not part of the output, so raw bytes (log reads by offset) come back
 * exactly as printed. A command that does not end within its timeout, or a shell whose channel closes, breaks the
 * shell: it is closed and never used again (a later command gets a new one), since what it still runs is unknown.
 */
final class RemoteShell implements AutoCloseable {
    /** What starts the shell on the login node: the exec request of its channel. */
    static final List<String> COMMAND = List.of("sh");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final Sink out;
    private final Sink err;
    private final AtomicBoolean closed = new AtomicBoolean();
    private OutputStream toShell;
    private Runnable closer = () -> { };
    /** The command being run, completed when both its markers arrived; guarded by this. */
    private CompletableFuture<SlurmCommands.Result> running;
    private int status;

    RemoteShell() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        token = "rp-end-" + HexFormat.of().formatHex(random);
        out = new Sink(("\n" + token + " ").getBytes(StandardCharsets.US_ASCII), true);
        err = new Sink(("\n" + token + "\n").getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Where the shell's stdout goes (the channel writes into it). */
    OutputStream stdout() {
        return out;
    }

    /** Where the shell's stderr goes. */
    OutputStream stderr() {
        return err;
    }

    /**
     * @param toShell the shell's stdin
     * @param closer  ends the shell (closes its channel)
     */
    synchronized void attach(OutputStream toShell, Runnable closer) {
        this.toShell = toShell;
        this.closer = closer;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /**
     * Runs one command; one at a time per shell.
     *
     * @throws IOException      the shell broke (its channel closed, or writing to it failed); it is closed
     * @throws TimeoutException the command did not end within {@code timeout}; the shell is closed
     */
    SlurmCommands.Result run(List<String> command, String stdin, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<SlurmCommands.Result> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed.get()) {
                throw new IOException("the shell on the login node was closed");
            }
            if (running != null) {
                throw new IllegalStateException("one command at a time per shell");
            }
            running = done;
            out.reset();
            err.reset();
        }
        try {
            toShell.write(frame(command, stdin).getBytes(StandardCharsets.UTF_8));
            toShell.flush();
        } catch (IOException e) {
            broken(e);
        }
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /**
     * The text fed to the shell for one command. The command line stands on a line of its own (a login node that logs
     * what it is sent shows each command as it would show an exec request's).
     */
    String frame(List<String> command, String stdin) {
        String feed = stdin == null ? "" : "printf %s " + Shell.quote(stdin) + " 2>/dev/null | ";
        return feed + "(\n" + Shell.line(command) + "\n)" + (stdin == null ? " </dev/null" : "")
                + "; printf '\\n" + token + " %d\\n' \"$?\"; printf '\\n" + token + "\\n' >&2\n";
    }

    /** The channel closed or could not be written: the command running (if any) fails, the shell is done. */
    void broken(Exception why) {
        CompletableFuture<SlurmCommands.Result> failed;
        synchronized (this) {
            failed = running;
            running = null;
        }
        close();
        if (failed != null) {
            failed.completeExceptionally(why instanceof IOException io ? io
                    : new IOException(why.getMessage(), why));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closer.run();
            broken(new IOException("the shell on the login node was closed"));
        }
    }

    /** Called by a sink when its marker arrived: once both have, the command is done. */
    private synchronized void ended() {
        if (running == null || !out.ended || !err.ended) {
            return;
        }
        CompletableFuture<SlurmCommands.Result> done = running;
        running = null;
        done.complete(new SlurmCommands.Result(status, out.content(), err.text()));
    }

    /**
     * Collects one stream's bytes for the running command until its end marker. A marker stands at the very end of
     * what arrived (nothing follows it until the next command), so only the tail is looked at after each write.
     */
    private final class Sink extends OutputStream {
        private final byte[] marker;
        private final boolean withStatus;
        private byte[] bytes = new byte[8192];
        private int length;
        private int markerAt = -1;
        private boolean ended;

        Sink(byte[] marker, boolean withStatus) {
            this.marker = marker;
            this.withStatus = withStatus;
        }

        void reset() {
            length = 0;
            markerAt = -1;
            ended = false;
            if (bytes.length > 1 << 20) {
                bytes = new byte[8192]; // a big answer (a large squeue) does not keep its buffer for ever
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (RemoteShell.this) {
                if (length + len > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
                }
                System.arraycopy(b, off, bytes, length, len);
                length += len;
                if (!ended && length > 0 && bytes[length - 1] == '\n' && findMarker()) {
                    ended = true;
                    ended();
                }
            }
        }

        /** Whether the bytes end with the marker (stdout: marker, exit status, newline; stderr: marker). */
        private boolean findMarker() {
            int tail = withStatus ? 12 : 0; // up to 11 digits of status, and the newline
            int from = Math.max(0, length - marker.length - tail);
            for (int at = length - marker.length; at >= from; at--) {
                if (Arrays.equals(bytes, at, at + marker.length, marker, 0, marker.length)) {
                    if (withStatus) {
                        String digits = new String(bytes, at + marker.length, length - 1 - at - marker.length,
                                StandardCharsets.US_ASCII);
                        if (!digits.matches("[0-9]{1,10}")) {
                            return false;
                        }
                        status = Integer.parseInt(digits);
                    } else if (at != length - marker.length) {
                        return false;
                    }
                    markerAt = at;
                    return true;
                }
            }
            return false;
        }

        byte[] content() {
            return Arrays.copyOf(bytes, markerAt);
        }

        String text() {
            return new String(bytes, 0, markerAt, StandardCharsets.UTF_8);
        }
    }
}

package dev.runplane.execution.slurm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands on a login node over one SSH connection (Apache MINA SSHD). Commands go to a few shells kept
 * open on the connection ({@link RemoteShell}, one command at a time each): an exec request per command cost a
 * session and a shell on the login node each time (~100 ms on the test machine). When every kept shell is busy, a
 * command gets an exec channel of its own, so nothing waits behind a slow one. The host key must be in
 * {@code known_hosts}; an unknown or changed key is refused ({@link KnownHostsCheck}). A lost connection is made
 * again on the next command, with a back-off (doubling up to {@code max-backoff}) during which commands fail at once
 * with why: callers then see "Slurm unreachable" as when the controller is down.
 */
final class SshSlurmCommands implements SlurmCommands {
    private static final Logger log = LoggerFactory.getLogger(SshSlurmCommands.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /** OpenSSH allows 10 sessions (channels) per connection by default (MaxSessions). */
    private static final int MAX_CHANNELS = 8;
    /** Kept shells, each holding one of the channels for as long as it lives. */
    static final int MAX_SHELLS = 4;

    private final SlurmProperties.Ssh ssh;
    private final Duration timeout;
    private final Clock clock;
    private final SshClient client;
    private final KnownHostsCheck hostKeys;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS);
    private ClientSession session;
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff = Duration.ZERO;
    private String lastFailure = "";
    private volatile Integer uid;
    /** Kept shells not running a command, and how many are open; guarded by {@link #shells}. */
    private final Deque<KeptShell> shells = new ArrayDeque<>();
    private int shellsOpen;

    /** A kept shell and the connection it lives on (a shell of a lost connection is never used again). */
    private record KeptShell(RemoteShell shell, ClientSession session) {
    }

    SshSlurmCommands(SlurmProperties.Ssh ssh, Duration timeout, Clock clock) {
        this.ssh = ssh;
        this.timeout = timeout;
        this.clock = clock;
        this.hostKeys = new KnownHostsCheck(ssh.knownHosts());
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        // a connection that went silent (login node gone without a FIN) is noticed within a few seconds
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(5));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        client.start();
    }

    @Override
    public int uid() {
        Integer known = uid;
        if (known == null) {
            Result id = run(List.of("id", "-u"));
            if (!id.ok()) {
                return -1;
            }
            known = Integer.parseInt(id.out().strip());
            uid = known;
        }
        return known;
    }

    @Override
    public Result run(List<String> command, String stdin) {
        ClientSession current;
        try {
            current = session();
        } catch (IOException e) {
            return new Result(UNREACHABLE, "", e.getMessage());
        }
        KeptShell kept = keptShell(current);
        if (kept != null) {
            return runInShell(kept, command, stdin);
        }
        try {
            if (!channels.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Result(124, "", "no free SSH channel to " + where() + " within " + timeout.toSeconds()
                        + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
        try (ChannelExec channel = current.createExecChannel(Shell.line(command))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.setErr(err);
            channel.setIn(new ByteArrayInputStream(stdin == null ? new byte[0]
                    : stdin.getBytes(StandardCharsets.UTF_8)));
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                return noAnswer(command);
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                // the channel closed without an exit status: the connection went away under it
                lost(current, new IOException("the connection closed"));
                return connectionClosed();
            }
            return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            lost(current, e);
            return new Result(UNREACHABLE, "", "SSH to " + where() + ": " + message(e));
        } finally {
            channels.release();
        }
    }

    private Result runInShell(KeptShell kept, List<String> command, String stdin) {
        try {
            Result result = kept.shell().run(command, stdin, timeout);
            giveBack(kept);
            return result;
        } catch (TimeoutException e) {
            return noAnswer(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        } catch (IOException e) {
            if (!kept.session().isOpen()) {
                lost(kept.session(), e);
                return connectionClosed();
            }
            // the shell on the login node ended under the command (killed?): whether it ran is unknown
            return new Result(UNREACHABLE, "", "SSH to " + where() + ": " + message(e));
        }
    }

    /**
     * An idle kept shell on {@code current}, or a new one while fewer than {@link #MAX_SHELLS} are open; null when
     * all are busy or none can be opened (the command then takes an exec channel, which says why if it fails too).
     */
    private KeptShell keptShell(ClientSession current) {
        synchronized (shells) {
            while (!shells.isEmpty()) {
                KeptShell idle = shells.pop();
                if (idle.session() == current && idle.shell().isOpen()) {
                    return idle;
                }
                idle.shell().close(); // of a connection lost since: its close gave its channel back
            }
            if (shellsOpen >= MAX_SHELLS || !channels.tryAcquire()) {
                return null;
            }
            shellsOpen++;
        }
        RemoteShell shell = new RemoteShell();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                synchronized (shells) {
                    shellsOpen--;
                }
                channels.release();
            }
        };
        ChannelExec channel = null;
        try {
            channel = current.createExecChannel(Shell.line(RemoteShell.COMMAND));
            channel.setOut(shell.stdout());
            channel.setErr(shell.stderr());
            channel.open().verify(timeout);
            ChannelExec opened = channel;
            shell.attach(channel.getInvertedIn(), () -> {
                opened.close(true);
                release.run();
            });
            channel.addCloseFutureListener(closed -> shell.broken(new IOException("the shell's channel closed")));
            return new KeptShell(shell, current);
        } catch (IOException | RuntimeException e) {
            log.debug("no kept shell on {}: {}", where(), message(e));
            if (channel != null) {
                channel.close(true);
            }
            release.run();
            return null;
        }
    }

    private void giveBack(KeptShell kept) {
        synchronized (shells) {
            if (kept.shell().isOpen()) {
                shells.push(kept);
            }
        }
    }

    private synchronized ClientSession session() throws IOException {
        if (session != null && session.isOpen()) {
            return session;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            throw new IOException(lastFailure);
        }
        try {
            session = connect();
            if (!backoff.isZero()) {
                log.info("SSH connection to {} made again", where());
            }
            backoff = Duration.ZERO;
            lastFailure = "";
            return session;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), ssh.maxBackoff());
            nextAttempt = now.plus(backoff);
            String refusal = hostKeys.takeRefusal();
            String failure = refusal != null ? refusal : "SSH to " + where() + ": " + rootMessage(e);
            if (!failure.equals(lastFailure)) {
                log.warn("{} (trying again with a back-off up to {} s)", failure, ssh.maxBackoff().toSeconds());
            }
            lastFailure = failure;
            throw new IOException(lastFailure, e);
        }
    }

    private ClientSession connect() throws IOException, GeneralSecurityException {
        ClientSession made = client.connect(ssh.user(), ssh.host(), ssh.port()).verify(timeout).getSession();
        try {
            for (KeyPair key : new FileKeyPairProvider(ssh.privateKey()).loadKeys(made)) {
                made.addPublicKeyIdentity(key);
            }
            made.auth().verify(timeout);
            return made;
        } catch (IOException | RuntimeException e) {
            made.close(true);
            throw e;
        }
    }

    private synchronized void lost(ClientSession broken, Exception why) {
        if (session == broken) {
            log.warn("SSH connection to {} lost: {}", where(), message(why));
            session.close(true);
            session = null;
        }
    }

    private Result noAnswer(List<String> command) {
        return new Result(124, "", command.getFirst() + " on " + where() + " did not answer within "
                + timeout.toSeconds() + " s");
    }

    private Result connectionClosed() {
        return new Result(UNREACHABLE, "", "SSH to " + where() + ": the connection closed");
    }

    private String where() {
        return ssh.user() + "@" + ssh.host() + ":" + ssh.port();
    }

    /** What went wrong underneath (e.g. "Connection refused"), without the library's wrapping. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? text : (e.getMessage() == null ? "" : e.getMessage() + ": ") + text;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        synchronized (shells) {
            shells.forEach(kept -> kept.shell().close());
            shells.clear();
        }
        try {
            client.stop();
        } catch (RuntimeException e) {
            log.debug("closing the SSH client", e);
        }
    }
}

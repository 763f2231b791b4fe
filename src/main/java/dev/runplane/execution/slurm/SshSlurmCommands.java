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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands on a login node over one SSH connection (Apache MINA SSHD), each command in a channel of its
 * own, so concurrent commands share the connection. The host key must be in {@code known_hosts}; an unknown or
 * changed key is refused ({@link KnownHostsCheck}). A lost connection is made again on the next command, with a
 * back-off (doubling up to {@code max-backoff}) during which commands fail at once with why: callers then see
 * "Slurm unreachable" as when the controller is down.
 */
final class SshSlurmCommands implements SlurmCommands {
    private static final Logger log = LoggerFactory.getLogger(SshSlurmCommands.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /** OpenSSH allows 10 sessions (channels) per connection by default (MaxSessions). */
    private static final int MAX_CHANNELS = 8;

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
                return new Result(124, "", command.getFirst() + " on " + where() + " did not answer within "
                        + timeout.toSeconds() + " s");
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                // the channel closed without an exit status: the connection went away under it
                lost(current, new IOException("the connection closed"));
                return new Result(UNREACHABLE, "", "SSH to " + where() + ": the connection closed");
            }
            return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            lost(current, e);
            return new Result(UNREACHABLE, "", "SSH to " + where() + ": " + message(e));
        } finally {
            channels.release();
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
        try {
            client.stop();
        } catch (RuntimeException e) {
            log.debug("closing the SSH client", e);
        }
    }
}

package dev.runplane.execution.slurm;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Accepts the login node's host key only when {@code known_hosts} lists it for that host (and port): an unknown
 * key and a changed one are refused, never added, and the refusal names the host and the key's fingerprint so an
 * administrator can compare it with the login node's own ({@code ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub}).
 */
final class KnownHostsCheck extends KnownHostsServerKeyVerifier {
    private volatile String refusal;

    /** {@code 10.0.0.5:22} rather than Java's {@code /10.0.0.5:22}. */
    private static String host(SocketAddress remote) {
        String text = String.valueOf(remote);
        return text.startsWith("/") ? text.substring(1) : text;
    }

    KnownHostsCheck(Path knownHosts) {
        super((session, remote, key) -> false, knownHosts);
        setModifiedServerKeyAcceptor(this::refuseChanged);
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
        refusal = "SSH host key of " + host(remote) + " (" + KeyUtils.getFingerPrint(key) + ") is not in "
                + getPath() + ": refused (add the login node's key to that file)";
        return false;
    }

    private boolean refuseChanged(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                  PublicKey expected, PublicKey actual) {
        refusal = "SSH host key of " + host(remote) + " has changed: it is " + KeyUtils.getFingerPrint(actual) + ", "
                + getPath() + " expects " + KeyUtils.getFingerPrint(expected) + ": refused (if the login node's key"
                + " was changed on purpose, replace its line in that file)";
        return false;
    }

    /** Why the last connection's key was refused, once; null when it was not. */
    String takeRefusal() {
        String taken = refusal;
        refusal = null;
        return taken;
    }
}

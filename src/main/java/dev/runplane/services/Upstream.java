package dev.runplane.services;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One serving replica submission as the endpoint sees it. The object lives as long as the submission serves, so
 * its count of outstanding requests survives the table's refreshes.
 */
final class Upstream {
    private final long submissionId;
    private final int replicaNum;
    private final String host;
    private final int port;
    private final AtomicInteger outstanding = new AtomicInteger();

    Upstream(long submissionId, int replicaNum, String host, int port) {
        this.submissionId = submissionId;
        this.replicaNum = replicaNum;
        this.host = host;
        this.port = port;
    }

    /** {@code host:port}; empty when the endpoint is not of that form. */
    static java.util.Optional<Upstream> of(long submissionId, int replicaNum, String endpoint) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0) {
            return java.util.Optional.empty();
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port < 1 || port > 65_535 ? java.util.Optional.empty()
                    : java.util.Optional.of(new Upstream(submissionId, replicaNum, endpoint.substring(0, colon), port));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    long submissionId() {
        return submissionId;
    }

    int replicaNum() {
        return replicaNum;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    int outstanding() {
        return outstanding.get();
    }

    void started() {
        outstanding.incrementAndGet();
    }

    void finished() {
        outstanding.decrementAndGet();
    }

    @Override
    public String toString() {
        return "replica " + replicaNum + " (submission " + submissionId + ", " + host + ":" + port + ")";
    }
}

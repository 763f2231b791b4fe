package dev.runplane.services;

import java.util.Optional;

/**
 * {@code /{project}/{run}/rest?query} split into its parts. The rest keeps its raw (still percent-encoded) form,
 * so the replica sees exactly the path the client sent below the service's prefix.
 *
 * @param rest the path below {@code /{project}/{run}}, starting with {@code /}; empty when the request named the
 *             service without a trailing slash (answered with a redirect to the slash)
 */
record ServicePath(String project, String run, String rest, String query) {

    static Optional<ServicePath> parse(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q);
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        int second = path.indexOf('/', 1);
        if (second < 0) {
            return Optional.empty();
        }
        int third = path.indexOf('/', second + 1);
        String project = path.substring(1, second);
        String run = third < 0 ? path.substring(second + 1) : path.substring(second + 1, third);
        if (project.isEmpty() || run.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServicePath(project, run, third < 0 ? "" : path.substring(third), query));
    }

    String prefix() {
        return "/" + project + "/" + run;
    }
}

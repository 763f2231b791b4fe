package dev.runplane.runs.spec;

import static dev.runplane.runs.spec.SpecFieldReader.absent;
import static dev.runplane.runs.spec.SpecFieldReader.describe;

import dev.runplane.runs.RunType;
import dev.runplane.runs.spec.RunSpec.Probe;
import dev.runplane.runs.spec.RunSpec.ServiceOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code auth} and {@code probes}: how the services endpoint treats a service. */
final class ServiceSection {
    static final List<String> PROBE_KEYS = List.of("type", "path", "interval", "timeout", "ready_after",
            "failure_threshold");
    static final int MAX_PROBES = 10;
    static final Duration MAX_PROBE_INTERVAL = Duration.ofMinutes(10);
    private static final Map<String, Probe.Type> TYPES = SpecFieldReader.words(Probe.Type.class);

    private ServiceSection() {
    }

    static ServiceOptions read(JsonNode auth, JsonNode probes, RunType type, SpecFieldReader in) {
        if (type != RunType.SERVICE) {
            if (!absent(auth)) {
                in.error("auth", "is only for services (type: service); remove it for a task");
            }
            if (!absent(probes)) {
                in.error("probes", "are only for services (type: service); remove them for a task");
            }
            return ServiceOptions.DEFAULT;
        }
        boolean needsAuth = true;
        if (!absent(auth)) {
            if (!auth.isBoolean()) {
                in.error("auth", "must be true (members and service tokens only, the default) or false (public); "
                        + "got " + describe(auth));
            } else {
                needsAuth = auth.booleanValue();
            }
        }
        List<Probe> read = absent(probes) ? List.of(Probe.TCP_DEFAULT) : in.list(probes, "probes", MAX_PROBES,
                "a non-empty list of probes (mappings with keys " + String.join(", ", PROBE_KEYS) + ")",
                (item, field) -> probe(item, field, in));
        return new ServiceOptions(needsAuth, read == null ? List.of(Probe.TCP_DEFAULT) : read);
    }

    private static Probe probe(JsonNode node, String field, SpecFieldReader in) {
        if (!in.mapping(node, field, PROBE_KEYS)) {
            return null;
        }
        Probe.Type type = absent(node.get("type")) ? Probe.Type.TCP
                : in.choice(node.get("type"), field + ".type", TYPES);
        String path = null;
        if (type == Probe.Type.HTTP) {
            path = absent(node.get("path")) ? "/" : in.string(node.get("path"), field + ".path",
                    "a path starting with /");
            if (path != null && (!path.startsWith("/") || path.length() > 1000 || path.chars().anyMatch(c -> c < 0x21
                    || c == 0x7f))) {
                in.error(field + ".path", "must be a path starting with / without spaces, at most 1000 characters");
                path = null;
            }
        } else if (!absent(node.get("path"))) {
            in.error(field + ".path", "is only for http probes (type: http)");
        }
        Duration interval = duration(node.get("interval"), field + ".interval", Probe.TCP_DEFAULT.interval(), in);
        Duration timeout = duration(node.get("timeout"), field + ".timeout", Probe.TCP_DEFAULT.timeout(), in);
        Integer readyAfter = absent(node.get("ready_after")) ? Integer.valueOf(Probe.TCP_DEFAULT.readyAfter())
                : in.integer(node.get("ready_after"), field + ".ready_after", 1, 100);
        Integer failureThreshold = absent(node.get("failure_threshold"))
                ? Integer.valueOf(Probe.TCP_DEFAULT.failureThreshold())
                : in.integer(node.get("failure_threshold"), field + ".failure_threshold", 1, 100);
        if (type == null || type == Probe.Type.HTTP && path == null || interval == null || timeout == null
                || readyAfter == null || failureThreshold == null) {
            return null;
        }
        return new Probe(type, path, interval, timeout, readyAfter, failureThreshold);
    }

    private static Duration duration(JsonNode node, String field, Duration fallback, SpecFieldReader in) {
        return absent(node) ? fallback : SpecSections.duration(node, field, false, MAX_PROBE_INTERVAL, "", in);
    }
}

package dev.runplane.runs.spec;

import static dev.runplane.runs.spec.SpecErrors.DOCUMENT;
import static dev.runplane.runs.spec.SpecFieldReader.absent;

import dev.runplane.runs.RunType;
import dev.runplane.runs.spec.RunSpec.Replicas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Parses and validates run specs (YAML; JSON is accepted as YAML's flow style). Stateless and thread-safe.
 *
 * <p>Reading is two steps: {@link SpecTreeReader} turns text into a tree under size and depth limits, then each field is
 * checked by hand so that one {@link RunSpecException} lists every bad field with what is allowed. Nothing the
 * user wrote is interpreted: commands and env values are data for the replica.
 */
public final class RunSpecParser {

    static final List<String> KEYS = List.of("type", "name", "commands", "env", "working_dir", "replicas", "port",
            "resources", "retry", "max_duration", "stop_grace_period", "backend", "slurm", "auth", "probes");

    static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,62}";
    static final int MAX_COMMANDS = 100;
    static final int MAX_COMMAND_CHARS = 10_000;
    static final int MAX_WORKING_DIR_CHARS = 4096;
    static final Duration MAX_DURATION_LIMIT = Duration.ofDays(365);
    static final Duration MAX_STOP_GRACE_PERIOD = Duration.ofHours(1);
    static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(10);
    static final Set<String> NO_LIMIT_WORDS = Set.of("off", "unlimited");
    static final String DEFAULT_BACKEND = "local";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Map<String, RunType> TYPES = SpecFieldReader.words(RunType.class);
    private static final Map<String, String> BACKENDS = SpecFieldReader.words("local", "slurm");
    private static final String EXPECTED_DOCUMENT = "a mapping with keys " + String.join(", ", KEYS);

    /** @throws RunSpecException listing every invalid field */
    public RunSpec parse(String text) {
        try {
            return read(SpecTreeReader.read(text, EXPECTED_DOCUMENT));
        } catch (RunSpecException e) {
            throw e.locatedIn(text);
        } catch (RuntimeException e) {
            // a parser corner nobody foresaw must still be a 400 naming the document, not a 500 with a trace
            throw RunSpecException.of(DOCUMENT, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static RunSpec read(JsonNode root) {
        if (!root.isObject()) {
            throw RunSpecException.of(DOCUMENT, "must be " + EXPECTED_DOCUMENT + "; got "
                    + SpecFieldReader.describe(root));
        }
        SpecErrors errors = new SpecErrors();
        SpecFieldReader in = new SpecFieldReader(errors);
        in.mapping(root, "", KEYS);

        RunType type = in.require(root.get("type"), "type", "one of task, service")
                ? in.choice(root.get("type"), "type", TYPES) : null;
        String name = name(root.get("name"), in);
        List<String> commands = in.require(root.get("commands"), "commands", "a list of commands")
                ? in.list(root.get("commands"), "commands", MAX_COMMANDS, "a non-empty list of strings",
                        (item, field) -> command(item, field, in)) : null;
        Map<String, String> env = absent(root.get("env")) ? Map.of() : EnvReader.read(root.get("env"), in);
        String workingDir = absent(root.get("working_dir")) ? null : workingDir(root.get("working_dir"), in);
        Replicas replicas = SpecSections.replicas(root.get("replicas"), in);
        Integer port = absent(root.get("port")) ? null : port(root.get("port"), type, replicas, in);
        RunSpec.Resources resources = SpecSections.resources(root.get("resources"), in);
        RunSpec.Retry retry = SpecSections.retry(root.get("retry"), in);
        Duration maxDuration = maxDuration(root.get("max_duration"), in);
        Duration stopGracePeriod = absent(root.get("stop_grace_period")) ? DEFAULT_STOP_GRACE_PERIOD
                : SpecSections.duration(root.get("stop_grace_period"), "stop_grace_period", true,
                        MAX_STOP_GRACE_PERIOD, "", in);
        String backend = absent(root.get("backend")) ? DEFAULT_BACKEND
                : in.choice(root.get("backend"), "backend", BACKENDS);

        Map<String, String> backendOptions = SlurmSection.read(root.get("slurm"), backend, in);
        RunSpec.ServiceOptions service = ServiceSection.read(root.get("auth"), root.get("probes"), type, in);

        errors.throwIfAny();
        return new RunSpec(type, name, commands, env, workingDir, replicas, port, resources, retry, maxDuration,
                stopGracePeriod, backend, backendOptions, service);
    }

    private static String name(JsonNode node, SpecFieldReader in) {
        String expected = "a name matching " + NAME_PATTERN + " (lower-case letters, digits and -, starting with"
                + " a letter)";
        if (!in.require(node, "name", expected)) {
            return null;
        }
        String name = in.string(node, "name", expected);
        if (name != null && !NAME.matcher(name).matches()) {
            in.error("name", "must be " + expected + "; got " + SpecErrors.quoted(name));
            return null;
        }
        return name;
    }

    /** Kept exactly as written: the backend hands it to the replica's shell, Runplane never looks inside. */
    private static String command(JsonNode node, String field, SpecFieldReader in) {
        String command = in.string(node, field, "a string (quote numbers and booleans)");
        if (command == null) {
            return null;
        }
        if (command.isBlank()) {
            in.error(field, "must not be blank");
        } else if (command.length() > MAX_COMMAND_CHARS) {
            in.error(field, "is " + command.length() + " characters long; at most " + MAX_COMMAND_CHARS
                    + " allowed");
        } else if (command.indexOf('\0') >= 0) {
            in.error(field, "must not contain NUL characters: a command line cannot hold them");
        } else {
            return command;
        }
        return null;
    }

    private static String workingDir(JsonNode node, SpecFieldReader in) {
        String expected = "an absolute path (starting with /) of at most " + MAX_WORKING_DIR_CHARS + " characters";
        String dir = in.string(node, "working_dir", expected);
        if (dir == null) {
            return null;
        }
        if (!dir.startsWith("/") || dir.length() > MAX_WORKING_DIR_CHARS || dir.indexOf('\0') >= 0) {
            in.error("working_dir", "must be " + expected + ", without NUL characters; got "
                    + SpecErrors.quoted(dir));
            return null;
        }
        return dir;
    }

    private static Integer port(JsonNode node, RunType type, Replicas replicas, SpecFieldReader in) {
        Integer port = in.integer(node, "port", 1, 65_535);
        if (type == RunType.TASK) {
            in.error("port", "port is only for services (type: service); remove it for a task");
            return null;
        }
        // replica i listens on port + i, so the highest replica number must still get a real port
        if (port != null && replicas != null && port + replicas.max() - 1 > 65_535) {
            in.error("port", "must leave room for every replica (replica i gets port + i): port + replicas - 1"
                    + " must be at most 65535; got " + port + " with up to " + replicas.max() + " replicas");
            return null;
        }
        return port;
    }

    private static Duration maxDuration(JsonNode node, SpecFieldReader in) {
        if (absent(node) || node.isString() && NO_LIMIT_WORDS.contains(node.stringValue())) {
            return null;
        }
        return SpecSections.duration(node, "max_duration", false, MAX_DURATION_LIMIT,
                ", or off or unlimited for no limit", in);
    }
}

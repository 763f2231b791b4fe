package dev.runplane.runs.spec;

import static dev.runplane.runs.spec.SpecFieldReader.absent;
import static dev.runplane.runs.spec.SpecFieldReader.describe;

import dev.runplane.runs.spec.RunSpec.Replicas;
import dev.runplane.runs.spec.RunSpec.Resources;
import dev.runplane.runs.spec.RunSpec.Retry;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The structured spec fields: replicas, resources, retry and durations. Absent fields get their defaults. */
final class SpecSections {

    static final int MAX_REPLICAS = 1000;
    static final Replicas DEFAULT_REPLICAS = new Replicas(1, 1);

    static final BigDecimal MAX_CPU = BigDecimal.valueOf(1024);
    /** Millicores, as Kubernetes and Slurm understand them; also keeps the column a plain DECIMAL. */
    static final int MAX_CPU_DECIMALS = 3;
    static final int MAX_GPU = 64;
    static final Resources DEFAULT_RESOURCES = new Resources(BigDecimal.ONE, 512_000_000L, 0);
    static final List<String> RESOURCE_KEYS = List.of("cpu", "memory", "gpu");

    static final int MAX_RETRY_LIMIT = 100;
    static final int DEFAULT_RETRY_LIMIT = 3;
    /** Repeats in {@code on} are harmless; thousands of them are not worth reading. */
    static final int MAX_RETRY_CAUSES = 10;
    static final List<String> RETRY_KEYS = List.of("on", "limit");
    static final Retry RETRY_ALWAYS = new Retry(Collections.unmodifiableSet(EnumSet.allOf(RetryOn.class)),
            DEFAULT_RETRY_LIMIT);

    private static final Pattern RANGE = Pattern.compile("(\\d{1,4})\\.\\.(\\d{1,4})");
    private static final String REPLICAS_EXPECTED = "an integer from 0 to " + MAX_REPLICAS
            + " (not quoted), or a range \"min..max\" with 0 <= min <= max <= " + MAX_REPLICAS;

    private SpecSections() {
    }

    static Replicas replicas(JsonNode node, SpecFieldReader in) {
        if (absent(node)) {
            return DEFAULT_REPLICAS;
        }
        if (node.isIntegralNumber()) {
            BigInteger n = node.bigIntegerValue();
            if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(MAX_REPLICAS)) > 0) {
                in.error("replicas", "must be " + REPLICAS_EXPECTED + "; got " + n);
                return null;
            }
            return new Replicas(n.intValue(), n.intValue());
        }
        Matcher range = node.isString() ? RANGE.matcher(node.stringValue()) : null;
        if (range == null || !range.matches()) {
            in.error("replicas", "must be " + REPLICAS_EXPECTED + "; got " + describe(node));
            return null;
        }
        int min = Integer.parseInt(range.group(1));
        int max = Integer.parseInt(range.group(2));
        if (min > max || max > MAX_REPLICAS) {
            in.error("replicas", "must be " + REPLICAS_EXPECTED + "; got " + describe(node));
            return null;
        }
        return new Replicas(min, max);
    }

    static Resources resources(JsonNode node, SpecFieldReader in) {
        if (absent(node)) {
            return DEFAULT_RESOURCES;
        }
        if (!in.mapping(node, "resources", RESOURCE_KEYS)) {
            return null;
        }
        BigDecimal cpu = absent(node.get("cpu")) ? DEFAULT_RESOURCES.cpu() : cpu(node.get("cpu"), in);
        // boxed defaults: a primitive in one branch would unbox the other branch's null (an error) and throw
        Long memory = absent(node.get("memory")) ? Long.valueOf(DEFAULT_RESOURCES.memoryBytes())
                : memory(node.get("memory"), in);
        Integer gpu = absent(node.get("gpu")) ? Integer.valueOf(DEFAULT_RESOURCES.gpu())
                : in.integer(node.get("gpu"), "resources.gpu", 0, MAX_GPU);
        return cpu == null || memory == null || gpu == null ? null : new Resources(cpu, memory, gpu);
    }

    private static BigDecimal cpu(JsonNode node, SpecFieldReader in) {
        String expected = "a number greater than 0 and at most " + MAX_CPU + ", like 1, 2 or 0.5";
        BigDecimal cpu = in.number(node, "resources.cpu", expected);
        if (cpu == null) {
            return null;
        }
        if (cpu.signum() <= 0 || cpu.compareTo(MAX_CPU) > 0) {
            in.error("resources.cpu", "must be " + expected + "; got " + describe(node));
            return null;
        }
        // one spelling per amount, so that 1, 1.0 and 1.00 are the same spec
        cpu = cpu.stripTrailingZeros();
        cpu = cpu.scale() < 0 ? cpu.setScale(0) : cpu;
        if (cpu.scale() > MAX_CPU_DECIMALS) {
            in.error("resources.cpu", "must have at most " + MAX_CPU_DECIMALS + " decimal places (0.001 CPU steps)"
                    + "; got " + describe(node));
            return null;
        }
        return cpu;
    }

    private static Long memory(JsonNode node, SpecFieldReader in) {
        try {
            if (node.isIntegralNumber()) {
                return Quantities.memoryBytes(node.bigIntegerValue());
            }
            if (node.isString()) {
                return Quantities.memoryBytes(node.stringValue());
            }
            in.error("resources.memory", "must be " + Quantities.MEMORY_FORMAT + "; got " + describe(node));
        } catch (IllegalArgumentException e) {
            in.error("resources.memory", e.getMessage() + "; got " + describe(node));
        }
        return null;
    }

    static Retry retry(JsonNode node, SpecFieldReader in) {
        if (absent(node)) {
            return Retry.NONE;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? RETRY_ALWAYS : Retry.NONE;
        }
        if (!node.isObject()) {
            in.error("retry", "must be true, false, or a mapping with keys " + String.join(", ", RETRY_KEYS)
                    + "; got " + describe(node));
            return null;
        }
        in.mapping(node, "retry", RETRY_KEYS);
        JsonNode onNode = node.get("on");
        Map<String, RetryOn> causes = SpecFieldReader.words(RetryOn.class);
        List<RetryOn> on = absent(onNode) ? List.copyOf(RETRY_ALWAYS.on()) : in.list(onNode, "retry.on",
                MAX_RETRY_CAUSES, "a non-empty list of " + String.join(", ", causes.keySet()),
                (item, field) -> in.choice(item, field, causes));
        JsonNode limitNode = node.get("limit");
        Integer limit = absent(limitNode) ? Integer.valueOf(DEFAULT_RETRY_LIMIT)
                : in.integer(limitNode, "retry.limit", 0, MAX_RETRY_LIMIT);
        if (on == null || limit == null) {
            return null;
        }
        // a limit of 0 retries nothing, whatever it lists: one spelling for "no retry"
        return limit == 0 ? Retry.NONE
                : new Retry(Collections.unmodifiableSet(EnumSet.copyOf(on)), limit);
    }

    /**
     * A duration string or a whole number of seconds, at most {@code max}.
     *
     * @param alternatives what else the field accepts, appended to the format message (e.g. ", or off")
     */
    static Duration duration(JsonNode node, String field, boolean zeroAllowed, Duration max, String alternatives,
                             SpecFieldReader in) {
        String range = (zeroAllowed ? "from 0s to " : "more than 0s and at most ") + Quantities.format(max);
        Duration duration;
        if (node.isIntegralNumber()) {
            BigInteger seconds = node.bigIntegerValue();
            if (seconds.signum() < 0 || seconds.compareTo(BigInteger.valueOf(max.toSeconds())) > 0) {
                in.error(field, "must be " + range + "; got " + describe(node) + " seconds");
                return null;
            }
            duration = Duration.ofSeconds(seconds.longValueExact());
        } else if (node.isString()) {
            try {
                duration = Quantities.duration(node.stringValue());
            } catch (IllegalArgumentException e) {
                in.error(field, e.getMessage() + alternatives + "; got " + describe(node));
                return null;
            }
        } else {
            in.error(field, "must be " + Quantities.DURATION_FORMAT + alternatives + "; got " + describe(node));
            return null;
        }
        if (duration.isZero() && !zeroAllowed || duration.compareTo(max) > 0) {
            in.error(field, "must be " + range + "; got " + describe(node));
            return null;
        }
        return duration;
    }
}

package dev.runplane.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What {@code apply} compares when the run already exists: the stored spec and the file, both parsed, so that
 * formatting, comments, key order and YAML-versus-JSON never count as a change. {@code replicas} is left out
 * because it is the one thing that can change in place (by scaling).
 */
final class SpecDiff {
    static final String REPLICAS = "replicas";
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*");

    private SpecDiff() {
    }

    /** The top-level keys whose values differ, in the file's order, then keys only the stored spec has. */
    static List<String> differingKeys(JsonNode stored, JsonNode wanted) {
        Set<String> keys = new LinkedHashSet<>();
        keys.addAll(keysOf(wanted));
        keys.addAll(keysOf(stored));
        keys.remove(REPLICAS);
        List<String> differing = new ArrayList<>();
        for (String key : keys) {
            if (!valueOf(stored, key).equals(valueOf(wanted, key))) {
                differing.add(key);
            }
        }
        return differing;
    }

    /**
     * The replica count the file asks for, given the current one: a number is taken as it is, no key means the
     * server's default of 1, and a range {@code "min..max"} keeps the current count when it lies inside.
     */
    static int desiredReplicas(JsonNode wanted, int current) {
        JsonNode replicas = wanted == null ? null : wanted.get(REPLICAS);
        if (replicas == null || replicas.isNull()) {
            return 1;
        }
        if (replicas.isIntegralNumber()) {
            return replicas.asInt();
        }
        Matcher range = replicas.isString() ? RANGE.matcher(replicas.asString()) : null;
        if (range != null && range.matches()) {
            int min = Integer.parseInt(range.group(1));
            int max = Integer.parseInt(range.group(2));
            return Math.max(min, Math.min(max, current));
        }
        throw new CliException(ExitCodes.ERROR, "replicas must be a whole number or a range \"min..max\"; got "
                + replicas);
    }

    private static List<String> keysOf(JsonNode node) {
        return node != null && node.isObject() ? List.copyOf(node.propertyNames()) : List.of();
    }

    // an explicit null and a missing key mean the same to the server's parser (the default applies)
    private static Object valueOf(JsonNode node, String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value == null || value.isNull() ? "" + null : value;
    }
}

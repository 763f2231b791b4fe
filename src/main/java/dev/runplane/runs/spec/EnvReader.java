package dev.runplane.runs.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code env}. Values are data for the replica, never for Runplane: strings are kept exactly as written
 * ({@code $(id)}, quotes, newlines and all); only what a process environment cannot carry is refused.
 */
final class EnvReader {

    static final String FIELD = "env";
    static final int MAX_VARIABLES = 200;
    static final int MAX_NAME_CHARS = 256;
    static final int MAX_VALUE_BYTES = 32 * 1024;
    static final String NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]*";
    /** Set by Runplane for every replica; a spec must not be able to shadow them. */
    static final String RESERVED_PREFIX = "RUNPLANE_";
    static final String RESERVED_PORT = "PORT";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    private EnvReader() {
    }

    /** @return the variables in the order written, or null when any is invalid (each one reported) */
    static Map<String, String> read(JsonNode node, SpecFieldReader in) {
        if (!node.isObject()) {
            in.error(FIELD, "must be a mapping of NAME: value; got " + SpecFieldReader.describe(node));
            return null;
        }
        if (node.size() > MAX_VARIABLES) {
            in.error(FIELD, "has " + node.size() + " variables; at most " + MAX_VARIABLES + " allowed");
            return null;
        }
        Map<String, String> env = new LinkedHashMap<>();
        boolean valid = true;
        for (Entry<String, JsonNode> entry : node.properties()) {
            String field = SpecErrors.child(FIELD, entry.getKey());
            String nameProblem = nameProblem(entry.getKey());
            if (nameProblem != null) {
                in.error(field, nameProblem);
                valid = false;
                continue;
            }
            String value = value(entry.getValue(), field, in);
            valid &= value != null;
            env.put(entry.getKey(), value);
        }
        return valid ? Collections.unmodifiableMap(env) : null;
    }

    private static String nameProblem(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            return "name is " + name.length() + " characters long; at most " + MAX_NAME_CHARS + " allowed";
        }
        if (!NAME.matcher(name).matches()) {
            return "name must match " + NAME_PATTERN + " (letters, digits and _, not starting with a digit)";
        }
        if (name.startsWith(RESERVED_PREFIX) || name.equals(RESERVED_PORT)) {
            return "name is reserved: Runplane sets " + RESERVED_PREFIX + "* and " + RESERVED_PORT
                    + " for each replica";
        }
        return null;
    }

    private static String value(JsonNode node, String field, SpecFieldReader in) {
        // YAML turns "DEBUG: 1" into a number and "ON: true" into a boolean; users mean the text. Decimals come
        // back in canonical form (1e3 -> 1E+3), so a value whose spelling matters should be quoted.
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        if (!node.isString()) {
            in.error(field, "must be a string, number or boolean (write \"\" for an empty value); got "
                    + SpecFieldReader.describe(node));
            return null;
        }
        String value = node.stringValue();
        if (value.indexOf('\0') >= 0) {
            in.error(field, "must not contain NUL characters: a process environment cannot hold them");
            return null;
        }
        int bytes = utf8Length(value);
        if (bytes > MAX_VALUE_BYTES) {
            in.error(field, "value is " + bytes + " bytes long; at most " + MAX_VALUE_BYTES + " (32 KiB) allowed");
            return null;
        }
        return value;
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}

package dev.runplane.runs.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of tree nodes. Each method either returns a value or records a field error and returns null, so the
 * parser can carry on and report every bad field in one go. A node is "absent" when the key is not there; an
 * explicit {@code null} is a value of the wrong type, never a silent default.
 */
final class SpecFieldReader {

    private final SpecErrors errors;

    SpecFieldReader(SpecErrors errors) {
        this.errors = errors;
    }

    void error(String field, String message) {
        errors.add(field, message);
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode();
    }

    /** Reports a missing required field; returns whether the node is there. */
    boolean require(JsonNode node, String field, String expected) {
        if (absent(node)) {
            error(field, "is required: " + expected);
            return false;
        }
        return true;
    }

    /** A mapping whose keys are all in {@code allowed}; unknown keys are reported, the rest are still read. */
    boolean mapping(JsonNode node, String field, Collection<String> allowed) {
        if (!node.isObject()) {
            error(field, "must be a mapping with keys " + String.join(", ", allowed) + "; got " + describe(node));
            return false;
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                error(SpecErrors.child(field, key), "is not a known key; allowed keys are "
                        + String.join(", ", allowed));
            }
        }
        return true;
    }

    String string(JsonNode node, String field, String expected) {
        if (!node.isString()) {
            error(field, "must be " + expected + "; got " + describe(node));
            return null;
        }
        return node.stringValue();
    }

    /** One of a fixed set of words, e.g. {@code task | service}. */
    <T> T choice(JsonNode node, String field, Map<String, T> choices) {
        String expected = "one of " + String.join(", ", choices.keySet());
        String word = string(node, field, expected);
        if (word == null) {
            return null;
        }
        T value = choices.get(word);
        if (value == null) {
            error(field, "must be " + expected + "; got " + SpecErrors.quoted(word));
        }
        return value;
    }

    /** An integer node (not a quoted number, not 3.0) in {@code min..max}. */
    Integer integer(JsonNode node, String field, int min, int max) {
        String expected = "an integer from " + min + " to " + max;
        if (!node.isIntegralNumber()) {
            error(field, "must be " + expected + "; got " + describe(node));
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            error(field, "must be " + expected + "; got " + value);
            return null;
        }
        return value.intValueExact();
    }

    /** Any number node, integer or decimal, as an exact decimal. */
    BigDecimal number(JsonNode node, String field, String expected) {
        if (!node.isNumber()) {
            error(field, "must be " + expected + "; got " + describe(node));
            return null;
        }
        return node.decimalValue();
    }

    /** A non-empty list of at most {@code maxItems}; each item read by {@code item(node, itemField)}. */
    <T> List<T> list(JsonNode node, String field, int maxItems, String expected,
                     ItemReader<T> item) {
        if (!node.isArray() || node.isEmpty()) {
            error(field, "must be " + expected + "; got " + describe(node));
            return null;
        }
        if (node.size() > maxItems) {
            error(field, "has " + node.size() + " items; at most " + maxItems + " allowed");
            return null;
        }
        List<T> values = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < node.size(); i++) {
            T value = item.read(node.get(i), field + "[" + i + "]");
            valid &= value != null;
            values.add(value);
        }
        return valid ? List.copyOf(values) : null;
    }

    @FunctionalInterface
    interface ItemReader<T> {
        T read(JsonNode node, String field);
    }

    /** What the user wrote, in words, without echoing long values. */
    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            return "the string " + SpecErrors.quoted(node.stringValue());
        }
        if (node.isNumber() || node.isBoolean()) {
            String text = node.asString();
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty list" : "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
    }

    /** Plain words that stand for themselves, in the given order, for {@link #choice}. */
    static Map<String, String> words(String... words) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String word : words) {
            map.put(word, word);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The lower-case names of an enum's constants, in declaration order, for {@link #choice}. */
    static <E extends Enum<E>> Map<String, E> words(Class<E> type) {
        Map<String, E> words = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            words.put(constant.name().toLowerCase(Locale.ROOT), constant);
        }
        return Collections.unmodifiableMap(words);
    }
}

package dev.runplane.runs.spec;

import dev.runplane.runs.spec.RunSpecException.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors while a spec is read, so that one submission reports everything that is wrong at once.
 * Also turns user-chosen keys into safe field labels: keys end up in API responses, logs and the UI, so they are
 * shortened and stripped of control characters here, once.
 */
final class SpecErrors {

    static final String DOCUMENT = "(document)";

    /** A 1 MiB spec could hold tens of thousands of bad entries; past this many the rest add nothing. */
    static final int MAX_ERRORS = 100;

    private static final int MAX_LABEL_CHARS = 64;

    private final List<FieldError> errors = new ArrayList<>();
    private boolean truncated;

    void add(String field, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(field, message));
        } else {
            truncated = true;
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        List<FieldError> all = new ArrayList<>(errors);
        if (truncated) {
            all.add(new FieldError(DOCUMENT, "has more than " + MAX_ERRORS + " errors; only the first "
                    + MAX_ERRORS + " are listed"));
        }
        throw new RunSpecException(all);
    }

    /** The dotted path of {@code key} below {@code parent} ({@code ""} for the top level). */
    static String child(String parent, String key) {
        return parent.isEmpty() ? label(key) : parent + "." + label(key);
    }

    /** A key as it may appear in a field path: at most 64 characters, no control characters. */
    static String label(String key) {
        return key != null && key.isEmpty() ? "\"\"" : clip(key, MAX_LABEL_CHARS);
    }

    /** A user-supplied string quoted for a message, shortened so that a 10,000-character value stays readable. */
    static String quoted(String value) {
        return "\"" + clip(value, 40) + "\"";
    }

    private static String clip(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        boolean longer = text.codePointCount(0, text.length()) > maxChars;
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(maxChars)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .forEach(out::appendCodePoint);
        return longer ? out + "…" : out.toString();
    }
}

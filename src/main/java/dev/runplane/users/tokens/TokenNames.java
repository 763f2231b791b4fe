package dev.runplane.users.tokens;

/**
 * Token names are free text chosen by people ("laptop", "CI – nightly"), shown in lists and logs: any printable
 * text up to 100 characters, but nothing that can break a line or reorder what a reader sees.
 */
final class TokenNames {
    static final int MAX_LENGTH = 100;

    private TokenNames() {
    }

    /** Returns the trimmed name, or throws with a message a person can act on. */
    static String require(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("token name is required (1 to " + MAX_LENGTH + " characters)");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("token name must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(TokenNames::forbidden)) {
            throw new IllegalArgumentException(
                    "token name must not contain control characters, line breaks or text-direction overrides");
        }
        return trimmed;
    }

    private static boolean forbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE // unpaired: not valid text, and MariaDB would reject it
                || (cp >= 0x202A && cp <= 0x202E) // bidi embeddings and overrides
                || (cp >= 0x2066 && cp <= 0x2069); // bidi isolates
    }
}

package dev.runplane.users;

/**
 * Names people choose and others read (project display names, SSO display names): any text, but nothing that is
 * invisible or rewrites what a reader sees. Refused: control characters (Unicode Cc: BEL, ESC, NUL, line breaks),
 * the bidi embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069, the zero-width space U+200B, the
 * byte-order mark U+FEFF, line and paragraph separators and unpaired surrogates. The zero-width (non-)joiners
 * U+200C/U+200D stay: emoji sequences and Persian names need them. Names typed into Runplane are refused with a
 * message naming the field ({@link #require}); names that arrive from an IdP, which the user cannot fix, are
 * cleaned instead ({@link #neutralise}).
 */
public final class DisplayNames {
    private DisplayNames() {
    }

    /** The stripped name, or an IllegalArgumentException (400 in the API) that names the field. */
    public static String require(String field, String name, int maxLength) {
        String stripped = name.strip();
        int bad = stripped.codePoints().filter(DisplayNames::forbidden).findFirst().orElse(-1);
        if (bad >= 0) {
            throw new IllegalArgumentException(field + " must not contain control characters, zero-width spaces or "
                    + "text-direction overrides (found U+" + String.format("%04X", bad) + ")");
        }
        if (stripped.codePointCount(0, stripped.length()) > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return stripped;
    }

    /** The name without the refused characters (each control character becomes a space), cut to maxLength. */
    public static String neutralise(String name, int maxLength) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (!forbidden(cp)) {
                out.appendCodePoint(cp);
            } else if (Character.getType(cp) == Character.CONTROL) {
                out.append(' ');
            }
        });
        String clean = out.toString().strip().replaceAll(" {2,}", " ");
        return clean.codePointCount(0, clean.length()) <= maxLength ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, maxLength));
    }

    static boolean forbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200B
                || cp == 0xFEFF;
    }
}

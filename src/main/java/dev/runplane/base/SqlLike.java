package dev.runplane.base;

/** Builds {@code LIKE} patterns from user text: wildcards in the text match only themselves (escape char {@code !}). */
public final class SqlLike {
    private SqlLike() {
    }

    /** A pattern matching values that contain {@code text}; use with {@code LIKE ? ESCAPE '!'}. */
    public static String contains(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}

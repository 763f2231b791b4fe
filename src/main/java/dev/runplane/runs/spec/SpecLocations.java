package dev.runplane.runs.spec;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;

/**
 * Where each field of a spec text is written, so that an error on {@code resources.memory} can name its line and
 * column: the tree the fields are checked on has no positions, so the text's tokens are walked once more, only when
 * there are errors to place. Keys are the same dotted paths the errors use ({@code env.FOO}, {@code commands[2]}).
 */
final class SpecLocations {

    /** 1-based, as editors count. */
    record Location(int line, int column) {
    }

    private final Map<String, Location> byField;

    private SpecLocations(Map<String, Location> byField) {
        this.byField = byField;
    }

    /** Every field the text holds up to its first syntax error (what comes after cannot be placed). */
    static SpecLocations of(String text) {
        Map<String, Location> found = new HashMap<>();
        if (text == null || text.isBlank() || text.length() > SpecTreeReader.MAX_TEXT_CHARS) {
            return new SpecLocations(found);
        }
        try {
            walk(SpecTreeReader.mapperFor(text).createParser(text), found);
        } catch (RuntimeException e) {
            // JSON-looking YAML ({type: task}) is read as YAML by the parser too; anything else keeps what was found
            if (found.isEmpty()) {
                try {
                    walk(SpecTreeReader.yaml().createParser(text), found);
                } catch (RuntimeException ignored) {
                    // a syntax error: its own error carries the place
                }
            }
        }
        return new SpecLocations(found);
    }

    private static void walk(JsonParser parser, Map<String, Location> found) {
        try (parser) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                TokenStreamContext context = parser.streamReadContext();
                if (token == JsonToken.PROPERTY_NAME) {
                    put(found, SpecTreeReader.fieldOf(context), parser.currentTokenLocation());
                } else if (token.isStructStart()) {
                    // the new container's context: its place belongs to the item it is (a key was placed already)
                    TokenStreamContext parent = context.getParent();
                    if (parent != null && parent.inArray()) {
                        put(found, SpecTreeReader.fieldOf(parent), parser.currentTokenLocation());
                    }
                } else if (!token.isStructEnd() && context.inArray()) {
                    put(found, SpecTreeReader.fieldOf(context), parser.currentTokenLocation());
                }
            }
        }
    }

    private static void put(Map<String, Location> found, String field, TokenStreamLocation at) {
        if (at != null && at.getLineNr() >= 1) {
            found.putIfAbsent(field, new Location(at.getLineNr(), Math.max(1, at.getColumnNr())));
        }
    }

    /**
     * The place of {@code field}, or of its nearest enclosing field that the text holds ({@code resources.cpu}
     * missing: {@code resources}); null when none is written (a missing top-level key, the whole document).
     */
    Location find(String field) {
        for (String f = field; f != null && !f.isEmpty(); f = parentOf(f)) {
            Location at = byField.get(f);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    private static String parentOf(String field) {
        int cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
        return cut <= 0 ? null : field.substring(0, cut);
    }
}

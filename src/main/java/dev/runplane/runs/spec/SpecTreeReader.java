package dev.runplane.runs.spec;

import static dev.runplane.runs.spec.SpecErrors.DOCUMENT;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Turns spec text (YAML or JSON) into a tree, or a {@link RunSpecException} on {@code (document)} that names the
 * line. Every limit that protects the server is applied here, before any field is looked at.
 */
final class SpecTreeReader {

    /** Specs are a screenful of YAML; anything near this size is a mistake or an attack. */
    static final int MAX_TEXT_CHARS = 1 << 20;

    /** Far more than a spec needs (it is 3 levels deep), far less than what would exhaust a thread's stack. */
    static final int MAX_NESTING_DEPTH = 64;

    private static final int MAX_MESSAGE_CHARS = 200;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxDocumentLength(2L * MAX_TEXT_CHARS)
            .build();

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .streamReadConstraints(LIMITS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // exact decimals: "cpu: 0.1" must stay 0.1, not the nearest double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * JSON is valid YAML, but YAML caps implicit keys at 1024 characters, so a JSON body with a long key would only
     * get "not valid YAML" instead of an error on the key's field. JSON text is therefore read as JSON first.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(LIMITS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private SpecTreeReader() {
    }

    /** @return the root node; never null, but possibly not a mapping (the caller says what it expected) */
    static JsonNode read(String text, String expected) {
        if (text == null || text.isBlank()) {
            throw RunSpecException.of(DOCUMENT, "is empty; expected " + expected);
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw RunSpecException.of(DOCUMENT, "is " + text.length() + " characters long; at most "
                    + MAX_TEXT_CHARS + " (1 MiB) allowed");
        }
        if (looksLikeJson(text)) {
            try {
                return nonEmpty(tree(JSON, text), expected);
            } catch (JacksonException e) {
                if (isAboutContent(e)) {
                    throw translate(e);
                }
                // not JSON after all, e.g. YAML flow style "{type: task}": the YAML reader decides and reports
            }
        }
        try {
            return nonEmpty(tree(YAML, text), expected);
        } catch (JacksonException e) {
            throw translate(e);
        }
    }

    /** The mapper that reads this text: JSON for text that starts like JSON, else YAML. */
    static ObjectMapper mapperFor(String text) {
        return looksLikeJson(text) ? JSON : YAML;
    }

    static ObjectMapper yaml() {
        return YAML;
    }

    private static boolean looksLikeJson(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    private static JsonNode tree(ObjectMapper mapper, String text) {
        checkStructure(mapper, text);
        return mapper.readTree(text);
    }

    private static JsonNode nonEmpty(JsonNode root, String expected) {
        if (root == null || root.isMissingNode()) {
            throw RunSpecException.of(DOCUMENT, "is empty (only comments); expected " + expected);
        }
        return root;
    }

    /**
     * A streaming pass over the tokens, for what the tree would hide: the tree reader turns an alias ({@code *x})
     * into the plain string "x", and it reports a second document only as a vague "trailing token".
     */
    private static void checkStructure(ObjectMapper mapper, String text) {
        try (JsonParser parser = mapper.createParser(text)) {
            int depth = 0;
            boolean rootDone = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (rootDone) {
                    throw RunSpecException.of(DOCUMENT, "holds more than one document (a second one starts at "
                            + at(parser.currentTokenLocation()) + "); put the whole spec in one document");
                }
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw RunSpecException.of(fieldOf(parser.streamReadContext()), "uses a YAML alias (*name) at "
                            + at(parser.currentTokenLocation()) + "; aliases are not supported, write the value out");
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                rootDone = depth == 0 && token != JsonToken.PROPERTY_NAME;
            }
        }
    }

    /** Too deep or a repeated key: the text was understood, and reading it another way would not help. */
    private static boolean isAboutContent(JacksonException e) {
        return e instanceof StreamConstraintsException || duplicateKey(e).isPresent();
    }

    private static RunSpecException translate(JacksonException e) {
        // the same exception type covers over-long numbers and names; only the depth gets its own wording
        if (e instanceof StreamConstraintsException && String.valueOf(e.getOriginalMessage()).contains("nesting")) {
            return RunSpecException.of(DOCUMENT, "is nested more than " + MAX_NESTING_DEPTH
                    + " levels deep; a spec needs at most 3");
        }
        return duplicateKey(e).orElseGet(() -> unreadable(e));
    }

    /**
     * Jackson reports a duplicate key as a plain read error; its context still holds the repeated key, so the
     * error can name the field instead of only a line.
     */
    private static Optional<RunSpecException> duplicateKey(JacksonException e) {
        String original = e.getOriginalMessage();
        if (original == null || !original.startsWith("Duplicate Object property")
                || !(e.processor() instanceof JsonParser parser)) {
            return Optional.empty();
        }
        TokenStreamContext context = parser.streamReadContext();
        if (context == null || !context.inObject() || context.currentName() == null) {
            return Optional.empty();
        }
        String message = "is given twice (again at " + at(e.getLocation()) + "); each key may appear only once";
        return Optional.of(known(e.getLocation())
                ? located(fieldOf(context), message, e.getLocation().getLineNr(), e.getLocation().getColumnNr())
                : RunSpecException.of(fieldOf(context), message));
    }

    private static RunSpecException unreadable(JacksonException e) {
        // SnakeYAML's own exception says what it expected and where, without Jackson's wrapping
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            Mark mark = yaml.getProblemMark().get();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + yaml.getContextMark().map(m -> " at line " + (m.getLine() + 1) + ", column "
                    + (m.getColumn() + 1)).orElse("") + ")";
            return located(DOCUMENT, "is not valid YAML at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1) + ": " + brief(yaml.getProblem() + context),
                    mark.getLine() + 1, mark.getColumn() + 1);
        }
        String where = known(e.getLocation()) ? " at " + at(e.getLocation()) : "";
        if (known(e.getLocation())) {
            return located(DOCUMENT, "cannot be read" + where + ": " + problem(e), e.getLocation().getLineNr(),
                    e.getLocation().getColumnNr());
        }
        return RunSpecException.of(DOCUMENT, "cannot be read" + where + ": " + problem(e));
    }

    private static RunSpecException located(String field, String message, int line, int column) {
        return new RunSpecException(java.util.List.of(new RunSpecException.FieldError(field, message, line, column)));
    }

    private static String problem(JacksonException e) {
        // YAML's .inf and .nan look like numbers to the parser but cannot become one; Jackson only says so in words
        return String.valueOf(e.getOriginalMessage()).startsWith("Malformed numeric value")
                ? "a number in a form that cannot be read (such as .inf or .nan); write a plain number or quote it"
                : brief(e.getOriginalMessage());
    }

    private static boolean known(TokenStreamLocation location) {
        return location != null && location.getLineNr() >= 1;
    }

    private static String at(TokenStreamLocation location) {
        return known(location) ? "line " + location.getLineNr() + ", column " + location.getColumnNr()
                : "an unknown place";
    }

    /** First line only, shortened, no control characters: parser messages can quote the offending input. */
    private static String brief(String message) {
        String text = message == null ? "unknown problem" : message.strip();
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        text = text.replaceAll("\\p{Cntrl}", "?");
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    /** The dotted path ({@code env.FOO}, {@code commands[2]}) of the value the parser is at. */
    static String fieldOf(TokenStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.currentName() != null) {
                parts.push("." + SpecErrors.label(c.currentName()));
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? DOCUMENT : path.startsWith(".") ? path.substring(1) : path;
    }
}

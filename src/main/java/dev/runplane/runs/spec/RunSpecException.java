package dev.runplane.runs.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be accepted; {@link #errors()} names each offending field. */
public class RunSpecException extends RuntimeException {

    /**
     * @param field   dotted path such as {@code resources.memory} or {@code env.PATH;rm}; {@code (document)} for
     *                errors that concern the whole text (malformed YAML: the message then names the line)
     * @param message what is wrong and what is allowed
     * @param line    1-based line of the field's key (or item) in the text, or of a syntax error; null when the text
     *                does not hold the field (a missing required key)
     * @param column  1-based column there, null with {@code line}
     */
    public record FieldError(String field, String message, Integer line, Integer column) {
        public FieldError(String field, String message) {
            this(field, message, null, null);
        }

        FieldError at(SpecLocations.Location location) {
            return location == null ? this : new FieldError(field, message, location.line(), location.column());
        }

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<FieldError> errors;

    public RunSpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public static RunSpecException of(String field, String message) {
        return new RunSpecException(List.of(new FieldError(field, message)));
    }

    /** The same errors, each without a place given the place of its field in {@code text}. */
    RunSpecException locatedIn(String text) {
        if (errors.stream().allMatch(e -> e.line() != null)) {
            return this;
        }
        SpecLocations locations = SpecLocations.of(text);
        RunSpecException located = new RunSpecException(errors.stream()
                .map(e -> e.line() != null ? e : e.at(locations.find(e.field()))).toList());
        located.setStackTrace(getStackTrace());
        return located;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

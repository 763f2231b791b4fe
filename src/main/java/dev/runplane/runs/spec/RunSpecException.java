package dev.runplane.runs.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be accepted; {@link #errors()} names each offending field. */
public class RunSpecException extends RuntimeException {

    /**
     * @param field   dotted path such as {@code resources.memory} or {@code env.PATH;rm}; {@code (document)} for
     *                errors that concern the whole text (malformed YAML: the message then names the line)
     * @param message what is wrong and what is allowed
     */
    public record FieldError(String field, String message) {
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

    public List<FieldError> errors() {
        return errors;
    }
}

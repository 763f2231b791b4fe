package dev.runplane.runs;

/** A run with this name already exists in the project (names are unique per project). */
public class RunAlreadyExistsException extends RuntimeException {
    public RunAlreadyExistsException(String project, String name) {
        super("a run named '" + name + "' already exists in project '" + project + "'");
    }
}

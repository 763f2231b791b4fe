package dev.runplane.projects;

/** A project name is taken (HTTP 409). */
public class ProjectAlreadyExistsException extends RuntimeException {
    ProjectAlreadyExistsException(String name) {
        super("a project named '" + name + "' already exists");
    }
}

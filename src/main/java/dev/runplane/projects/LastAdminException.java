package dev.runplane.projects;

/** Removing or demoting the project's last admin would leave nobody to manage it (HTTP 409). */
public class LastAdminException extends RuntimeException {
    LastAdminException(String project, String username) {
        super("'" + username + "' is the last admin of project '" + project + "': make another member ADMIN first");
    }
}

package dev.runplane.users;

/** A user name is taken (HTTP 409). */
public class UserAlreadyExistsException extends RuntimeException {
    UserAlreadyExistsException(String username) {
        super("a user named '" + username + "' already exists");
    }
}

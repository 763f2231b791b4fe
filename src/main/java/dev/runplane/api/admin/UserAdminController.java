package dev.runplane.api.admin;

import dev.runplane.api.ApiActors;
import dev.runplane.users.UserInfo;
import dev.runplane.users.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users, for global administrators. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "users (global administrators only)")
class UserAdminController {
    record CreateUserRequest(String username, String password, Boolean globalAdmin) {
    }

    record UserList(List<UserInfo> users) {
    }

    private final UserService users;

    UserAdminController(UserService users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "List users")
    UserList list(Principal principal, HttpServletRequest request) {
        return new UserList(users.list(ApiActors.of(principal, request)));
    }

    @PostMapping
    @Operation(summary = "Create a local user; without a password it signs in through SSO only")
    ResponseEntity<UserInfo> create(@RequestBody CreateUserRequest body, Principal principal,
                                    HttpServletRequest request) {
        if (body == null) {
            throw new IllegalArgumentException("body must be {\"username\": …, \"password\": …, \"globalAdmin\": …}");
        }
        UserInfo created = users.create(ApiActors.of(principal, request), body.username(), body.password(),
                Boolean.TRUE.equals(body.globalAdmin()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
    }
}

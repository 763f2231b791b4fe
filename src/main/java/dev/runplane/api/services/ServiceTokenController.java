package dev.runplane.api.services;

import dev.runplane.services.ServiceTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tokens that open one service's endpoint (and nothing else); the secret is in the create answer only. */
@RestController
@RequestMapping("/api/v1/projects/{project}/runs/{run}/service-tokens")
@Tag(name = "services", description = "tokens for a service's endpoint")
class ServiceTokenController {
    record CreateRequest(String name) {
    }

    record CreatedResponse(long id, String name, String token, Instant createdAt) {
    }

    record TokenList(List<ServiceTokens.Info> tokens) {
    }

    private final ServiceTokens tokens;

    ServiceTokenController(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token for this service's endpoint; the answer is the only time its secret is shown")
    CreatedResponse create(Principal user, @PathVariable String project, @PathVariable String run,
                           @RequestBody CreateRequest request) {
        ServiceTokens.Created created = tokens.create(user.getName(), project, run, request.name());
        return new CreatedResponse(created.id(), created.name(), created.secret(), created.createdAt());
    }

    @GetMapping
    @Operation(summary = "List the service's active tokens (metadata only)")
    TokenList list(Principal user, @PathVariable String project, @PathVariable String run) {
        return new TokenList(tokens.list(user.getName(), project, run));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token of the service")
    void revoke(Principal user, @PathVariable String project, @PathVariable String run, @PathVariable long id) {
        tokens.revoke(user.getName(), project, run, id);
    }
}

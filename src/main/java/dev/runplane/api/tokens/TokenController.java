package dev.runplane.api.tokens;

import dev.runplane.users.tokens.ApiTokenService;
import dev.runplane.users.tokens.CreatedToken;
import dev.runplane.users.tokens.TokenInfo;
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

/** The caller's own tokens. "me" is the authenticated user: nobody manages someone else's tokens here. */
@RestController
@RequestMapping("/api/v1/users/me/tokens")
@Tag(name = "tokens", description = "your API tokens")
class TokenController {
    record CreateTokenRequest(String name, Instant expiresAt) {
    }

    /** The only response that carries the secret ({@code token}); it cannot be read back later. */
    record CreatedTokenResponse(long id, String name, String token, String prefix, Instant createdAt,
                                Instant expiresAt) {
        static CreatedTokenResponse of(CreatedToken t) {
            return new CreatedTokenResponse(t.id(), t.name(), t.secret(), t.prefix(), t.createdAt(), t.expiresAt());
        }
    }

    record TokenList(List<TokenInfo> tokens) {
    }

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token; the response is the only time its secret is shown")
    CreatedTokenResponse create(Principal user, @RequestBody CreateTokenRequest request) {
        return CreatedTokenResponse.of(tokens.create(user.getName(), request.name(), request.expiresAt()));
    }

    @GetMapping
    @Operation(summary = "List your tokens (metadata only), active ones first")
    TokenList list(Principal user) {
        return new TokenList(tokens.list(user.getName()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of your tokens")
    void revoke(Principal user, @PathVariable long id) {
        tokens.revoke(user.getName(), id);
    }
}

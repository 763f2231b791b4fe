package dev.runplane.api;

import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * Who calls the API: the token's user, and the source it declares with {@code X-Runplane-Source: cli} (the CLI
 * sets it; anything else counts as {@code api}).
 */
public final class ApiActors {
    public static final String SOURCE_HEADER = "X-Runplane-Source";

    private ApiActors() {
    }

    public static Actor of(Principal principal, HttpServletRequest request) {
        Source source = "cli".equalsIgnoreCase(request.getHeader(SOURCE_HEADER)) ? Source.CLI : Source.API;
        return new Actor(principal.getName(), source);
    }
}

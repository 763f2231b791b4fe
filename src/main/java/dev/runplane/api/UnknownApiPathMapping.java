package dev.runplane.api;

import dev.runplane.api.security.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Answers {@code /api/**} paths that no controller maps with a 404 problem, for every verb. Without it they fell
 * through to Vaadin's catch-all mapping and answered 200 with the portal's HTML page. Asked after the controllers
 * (which answer a wrong verb on a known path with 405 themselves) and before Vaadin; Swagger UI's static files are
 * left to their resource handler.
 */
final class UnknownApiPathMapping extends AbstractHandlerMapping {
    private static final HttpRequestHandler NOT_FOUND = (request, response) ->
            ProblemJson.write(request, response, 404, "Not found", "no such API path");

    UnknownApiPathMapping() {
        // Vaadin's root mapping and the static resources are at LOWEST_PRECEDENCE - 1
        setOrder(Ordered.LOWEST_PRECEDENCE - 2);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") && !path.startsWith("/api/v1/swagger-ui/")) {
            return NOT_FOUND;
        }
        return null;
    }
}

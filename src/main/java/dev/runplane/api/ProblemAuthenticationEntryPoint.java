package dev.runplane.api;

import dev.runplane.api.security.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Answers unauthenticated API calls with a problem+json 401. It says nothing about why (missing, malformed, revoked
 * or expired token all look the same), so that probing learns nothing.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemJson.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                "invalid or missing token");
    }
}

package dev.runplane.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * Writes an RFC 9457 problem for answers given in the security filters, before Spring MVC (and its
 * {@code ProblemDetail} support) is reached. Kept hand-written so that it cannot fail halfway through a response.
 */
public final class ProblemJson {
    private static final String BODY = """
            {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}""";

    private ProblemJson() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY.formatted(escape(title), status, escape(detail),
                escape(request.getRequestURI())));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

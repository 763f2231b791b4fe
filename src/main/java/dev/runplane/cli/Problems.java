package dev.runplane.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns an error answer (RFC 9457 problem details from the API) into the one message a person should read. */
final class Problems {
    static final String TOKEN_REFUSED = "the token was refused: check RUNPLANE_TOKEN / runplane config";

    private Problems() {
    }

    static String message(int status, String body) {
        if (status == 401) {
            return TOKEN_REFUSED;
        }
        JsonNode problem = parse(body);
        String detail = Json.text(problem, "detail");
        String title = Json.text(problem, "title");
        JsonNode errors = problem == null ? null : problem.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            // the detail repeats every field error on one long line: one line per field reads better
            StringBuilder message = new StringBuilder(title != null ? title : "invalid request").append(':');
            for (JsonNode error : errors) {
                message.append("\n  ").append(Json.text(error, "field", "?"));
                if (Json.text(error, "line") != null) {
                    // where the field is written in the file the user applied
                    message.append(" (line ").append(Json.text(error, "line")).append(", column ")
                            .append(Json.text(error, "column", "?")).append(')');
                }
                message.append(": ").append(Json.text(error, "message", ""));
            }
            return message.toString();
        }
        if (detail != null) {
            return detail;
        }
        return title != null ? title : "the server answered HTTP " + status;
    }

    // a proxy's HTML error page is not a problem document: fall back to the status line
    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.parse(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}

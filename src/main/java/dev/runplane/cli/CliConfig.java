package dev.runplane.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI connects and as whom. Environment variables win over the config file so that a script or CI job
 * can point one command elsewhere without touching a person's {@code ~/.runplane/config.yml}.
 */
record CliConfig(String url, String token, String project) {
    static final String DEFAULT_URL = "http://localhost:8080";
    static final String DEFAULT_PROJECT = "default";
    static final String URL_ENV = "RUNPLANE_URL";
    static final String TOKEN_ENV = "RUNPLANE_TOKEN";
    static final String PROJECT_ENV = "RUNPLANE_PROJECT";

    static CliConfig resolve(Map<String, String> env, Path home) {
        Map<String, String> file = ConfigFile.read(ConfigFile.path(home));
        return new CliConfig(
                first(env.get(URL_ENV), file.get("url"), DEFAULT_URL),
                first(env.get(TOKEN_ENV), file.get("token"), null),
                first(env.get(PROJECT_ENV), file.get("project"), DEFAULT_PROJECT));
    }

    /** A command's {@code --project} beats everything else. */
    CliConfig withProject(String override) {
        return override == null || override.isBlank() ? this : new CliConfig(url, token, override.trim());
    }

    /** Safe to print: enough of the token to tell two apart, never the secret. */
    String maskedToken() {
        if (token == null) {
            return "(none)";
        }
        return token.length() <= 8 ? "****" : token.substring(0, 6) + "…" + " (" + token.length() + " characters)";
    }

    // an empty variable counts as unset: `RUNPLANE_TOKEN= runplane ps` should not send an empty token
    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}

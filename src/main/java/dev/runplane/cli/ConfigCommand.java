package dev.runplane.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Saves the server URL, token and project in {@code ~/.runplane/config.yml}, or shows what is in effect. */
@Command(name = "config", description = {"Save where to connect in ~/.runplane/config.yml (mode 0600), or show the "
        + "settings in effect when given no options.",
        "RUNPLANE_URL, RUNPLANE_TOKEN and RUNPLANE_PROJECT override the file."})
final class ConfigCommand extends BaseCommand {
    @Option(names = "--url", paramLabel = "URL", description = "Server URL, e.g. http://localhost:8080.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (rp_…); '-' reads it from standard input, keeping it out of shell history.")
    String token;

    @Option(names = "--project", paramLabel = "PROJECT", description = "Default project.")
    String project;

    @Override
    public Integer call() {
        Path file = ConfigFile.path(cli().home());
        if (url == null && token == null && project == null) {
            CliConfig config = cli().config();
            Table table = new Table("SETTING", "VALUE", "FROM")
                    .row("url", config.url(), from(CliConfig.URL_ENV, "url", file))
                    .row("token", config.maskedToken(), from(CliConfig.TOKEN_ENV, "token", file))
                    .row("project", config.project(), from(CliConfig.PROJECT_ENV, "project", file));
            out().print(table.render());
            return ExitCodes.OK;
        }
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ParameterException(spec.commandLine(), "--url must start with http:// or https://");
        }
        Map<String, String> values = ConfigFile.read(file);
        put(values, "url", url);
        put(values, "token", "-".equals(token) ? readLine() : token);
        put(values, "project", project);
        ConfigFile.write(file, values);
        out().println("wrote " + file);
        return ExitCodes.OK;
    }

    private String from(String variable, String key, Path file) {
        Map<String, String> env = cli().env();
        if (env.get(variable) != null && !env.get(variable).isBlank()) {
            return variable;
        }
        return ConfigFile.read(file).containsKey(key) ? file.toString() : "default";
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value.trim());
        }
    }

    private String readLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--token -: no token on standard input");
            }
            return line.trim();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read the token from standard input: " + e.getMessage());
        }
    }
}

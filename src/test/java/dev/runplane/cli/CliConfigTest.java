package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {
    @TempDir
    Path home;

    @Test
    void withoutFileOrEnvironmentTheDefaultsApplyAndThereIsNoToken() {
        CliConfig config = CliConfig.resolve(Map.of(), home);

        assertThat(config).isEqualTo(new CliConfig("http://localhost:8080", null, "default"));
    }

    @Test
    void environmentOverridesTheFileWhichOverridesTheDefaults() {
        new CliRunner(home).run("config", "--url", "http://file:8080", "--token", "rp_from_file_0123456789abc",
                "--project", "file-project");

        assertThat(CliConfig.resolve(Map.of(), home))
                .isEqualTo(new CliConfig("http://file:8080", "rp_from_file_0123456789abc", "file-project"));
        assertThat(CliConfig.resolve(Map.of("RUNPLANE_URL", "http://env:9090", "RUNPLANE_PROJECT", "env-project"),
                home)).isEqualTo(new CliConfig("http://env:9090", "rp_from_file_0123456789abc", "env-project"));
        assertThat(CliConfig.resolve(Map.of("RUNPLANE_TOKEN", "rp_from_env_0123456789abcd"), home).token())
                .isEqualTo("rp_from_env_0123456789abcd");
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        new CliRunner(home).run("config", "--token", "rp_from_file_0123456789abc");

        assertThat(CliConfig.resolve(Map.of("RUNPLANE_TOKEN", " "), home).token())
                .isEqualTo("rp_from_file_0123456789abc");
    }

    @Test
    void aCommandsProjectOptionBeatsEverything() {
        CliConfig config = CliConfig.resolve(Map.of("RUNPLANE_PROJECT", "env-project"), home);

        assertThat(config.withProject("team").project()).isEqualTo("team");
        assertThat(config.withProject(null).project()).isEqualTo("env-project");
    }

    @Test
    void configWritesAFileOnlyItsOwnerCanRead() throws Exception {
        CliRunner.Result result = new CliRunner(home).run("config", "--url", "http://localhost:9090",
                "--token", "rp_secret_0123456789abcdefgh");

        Path file = home.resolve(".runplane/config.yml");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("wrote " + file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file)).contains("url:", "http://localhost:9090", "rp_secret_0123456789abcdefgh");
    }

    @Test
    void configKeepsWhatItIsNotToldToChange() {
        CliRunner cli = new CliRunner(home);
        cli.run("config", "--url", "http://a:1", "--token", "rp_first_0123456789abcdefgh");

        cli.run("config", "--project", "team");

        assertThat(CliConfig.resolve(Map.of(), home))
                .isEqualTo(new CliConfig("http://a:1", "rp_first_0123456789abcdefgh", "team"));
    }

    @Test
    void configWithoutOptionsShowsTheSettingsInEffectWithoutTheSecret() {
        CliRunner cli = new CliRunner(home).env("RUNPLANE_PROJECT", "env-project");
        cli.run("config", "--token", "rp_secret_0123456789abcdefgh");

        CliRunner.Result shown = cli.run("config");

        assertThat(shown.out()).contains("env-project", "RUNPLANE_PROJECT", "rp_sec…")
                .doesNotContain("rp_secret_0123456789abcdefgh");
    }

    @Test
    void aUrlWithoutSchemeIsAUsageError() {
        CliRunner.Result result = new CliRunner(home).run("config", "--url", "localhost:8080");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--url must start with http:// or https://");
        assertThat(home.resolve(".runplane/config.yml")).doesNotExist();
    }
}

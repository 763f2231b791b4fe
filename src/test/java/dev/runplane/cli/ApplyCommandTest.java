package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ApplyCommandTest {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String SPEC = """
            type: service
            name: web
            commands:
              - python3 -m http.server $PORT
            port: 8000
            replicas: 1
            """;

    @TempDir
    Path home;

    Path file;

    @BeforeEach
    void specFile() {
        file = home.resolve("run.yml");
    }

    private static String existing(int desired, long version) {
        ObjectNode run = Json.JSON.createObjectNode().put("name", "web").put("type", "service")
                .put("status", "RUNNING").put("version", version).put("desiredReplicas", desired).put("spec", SPEC);
        return Json.compact(run);
    }

    private static FakeRunplane alreadyExists(FakeRunplane server) {
        return server.json("POST " + RUNS, 409, "{\"status\":409,\"detail\":\"a run named 'web' already exists in "
                + "project 'default'\"}");
    }

    @Test
    void aNewRunIsCreatedFromTheFileAsSent() throws Exception {
        Files.writeString(file, SPEC);
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("POST " + RUNS, 201, "{\"name\":\"web\",\"type\":\"service\",\"desiredReplicas\":1}");

            CliRunner.Result result = new CliRunner(home).server(server).run("apply", "-f", file.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).isEqualTo("created service web with 1 replica\n");
            FakeRunplane.Request post = server.requests().getFirst();
            assertThat(post.body()).isEqualTo(SPEC);
            assertThat(post.header("Content-Type")).isEqualTo("application/yaml");
        }
    }

    @Test
    void whenOnlyReplicasDifferTheRunIsScaledInPlaceAtTheVersionJustRead() throws Exception {
        Files.writeString(file, SPEC.replace("replicas: 1", "replicas: 2"));
        try (FakeRunplane server = alreadyExists(new FakeRunplane())) {
            server.json("GET " + RUNS + "/web", 200, existing(1, 7));
            server.json("POST " + RUNS + "/web/scale", 200, existing(2, 8));

            CliRunner.Result result = new CliRunner(home).server(server).run("apply", "-f", file.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).isEqualTo("scaled web from 1 to 2 replicas (only replicas changed)\n");
            FakeRunplane.Request scale = server.requests().getLast();
            assertThat(scale.path()).isEqualTo(RUNS + "/web/scale");
            assertThat(Json.parse(scale.body())).isEqualTo(Json.parse("{\"replicas\":2,\"expectedVersion\":7}"));
        }
    }

    @Test
    void anyOtherDifferenceIsRefusedNamingTheKeys() throws Exception {
        Files.writeString(file, SPEC.replace("port: 8000", "port: 9000").replace("python3", "python3.12"));
        try (FakeRunplane server = alreadyExists(new FakeRunplane())) {
            server.json("GET " + RUNS + "/web", 200, existing(1, 7));

            CliRunner.Result result = new CliRunner(home).server(server).run("apply", "-f", file.toString());

            assertThat(result.exitCode()).isEqualTo(4);
            assertThat(result.err()).contains("run 'web' already exists and " + file + " differs in commands, port;"
                    + " only replicas can change in place");
            assertThat(server.requests()).extracting(FakeRunplane.Request::path).doesNotContain(RUNS + "/web/scale");
        }
    }

    @Test
    void anIdenticalFileChangesNothing() throws Exception {
        Files.writeString(file, SPEC);
        try (FakeRunplane server = alreadyExists(new FakeRunplane())) {
            server.json("GET " + RUNS + "/web", 200, existing(1, 7));

            CliRunner.Result result = new CliRunner(home).server(server).run("apply", "-f", file.toString());

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo("run web is unchanged (RUNNING, 1 replica)\n");
        }
    }

    @Test
    void anInvalidSpecPrintsTheServersFieldErrors() throws Exception {
        Files.writeString(file, "type: service\nname: web\n");
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("POST " + RUNS, 400, "{\"status\":400,\"title\":\"Invalid run spec\",\"detail\":\"...\","
                    + "\"errors\":[{\"field\":\"commands\",\"message\":\"must be a non-empty list of strings\"}]}");

            CliRunner.Result result = new CliRunner(home).server(server).run("apply", "-f", file.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("error: Invalid run spec:\n  commands: must be a non-empty list of "
                    + "strings\n");
        }
    }

    @Test
    void aFieldErrorWithAPlaceNamesItsLineAndColumn() throws Exception {
        Files.writeString(file, "type: service\nname: web\ncommands: [5]\n");
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("POST " + RUNS, 400, "{\"status\":400,\"title\":\"Invalid run spec\",\"detail\":\"...\","
                    + "\"errors\":[{\"field\":\"commands[0]\",\"line\":3,\"column\":12,"
                    + "\"message\":\"must be a string\"}]}");

            CliRunner.Result result = new CliRunner(home).server(server).run("apply", "-f", file.toString());

            assertThat(result.err()).isEqualTo("error: Invalid run spec:\n  commands[0] (line 3, column 12): must be "
                    + "a string\n");
        }
    }

    @Test
    void aMissingFileSaysSo() {
        CliRunner.Result result = new CliRunner(home).env("RUNPLANE_TOKEN", "rp_x_0123456789abcdefghijkl")
                .run("apply", "-f", home.resolve("nope.yml").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no such file: ");
    }
}

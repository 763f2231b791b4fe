package dev.runplane.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The "Run specs and API bodies" rows of BAD-INPUTS.md, over HTTP: a clear 4xx and nothing created. */
@IntegrationTest
class RunInputsIT {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void signIn() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "inputs", null).secret());
    }

    private int runCount() {
        return jdbc.sql("SELECT COUNT(*) FROM run").query(Integer.class).single();
    }

    private void rejected(String body, int status, String... mentions) {
        int before = runCount();
        ApiClient.Response response = api.post(RUNS, "application/yaml", body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"status\":" + status);
        for (String mention : mentions) {
            assertThat(response.body()).contains(mention);
        }
        assertThat(runCount()).as("nothing created").isEqualTo(before);
    }

    @Test
    void badRunNamesAreRefusedWithTheAllowedPattern() {
        for (String name : new String[] {"../../etc/passwd", "a/b", "x".repeat(1000), "\"\"", "\"   \"", "\"🚀\""}) {
            rejected("type: task\nname: " + name + "\ncommands: [\"true\"]\n", 400, "name", "[a-z][a-z0-9-]{0,62}");
        }
    }

    @Test
    void badEnvNamesAreRefused() {
        for (String env : new String[] {"\"A=B\"", "1X", "\"PATH;rm\"", "\"\""}) {
            rejected("type: task\nname: env-bad\ncommands: [\"true\"]\nenv:\n  " + env + ": v\n", 400, "env");
        }
        // a 10,000-character name, as JSON (YAML itself limits keys to 1,024 characters)
        rejected("{\"type\": \"task\", \"name\": \"env-long\", \"commands\": [\"true\"], \"env\": {\""
                + "Y".repeat(10_000) + "\": \"v\"}}", 400, "env.");
    }

    @Test
    void badReplicaCountsAreRefusedAndZeroIsAccepted() {
        for (String replicas : new String[] {"-1", "2147483648", "\"3\"", "3.5", "null"}) {
            rejected("type: service\nname: rep-bad\ncommands: [\"true\"]\nreplicas: " + replicas + "\n", 400,
                    "replicas");
        }
        rejected("type: service\nname: cpu-bad\ncommands: [\"true\"]\nresources: {cpu: 1e18}\n", 400, "cpu");
    }

    @Test
    void malformedUnknownAndDuplicateKeysAreRefusedNamingTheProblem() {
        rejected("type: task\nname: [unclosed\n", 400, "line");
        rejected("type: task\nname: unknown-key\ncommands: [\"true\"]\ncolour: blue\n", 400, "colour");
        rejected("type: task\nname: dup\nname: dup2\ncommands: [\"true\"]\n", 400, "name");
        rejected("{\"type\": \"task\", \"name\": 5, \"commands\": \"true\"}", 400, "commands");
    }

    @Test
    void eachErrorOfTheProblemBodyCarriesItsLineAndColumn() {
        rejected("type: task\nname: placed\ncommands:\n  - 42\nresources:\n  memory: lots\n", 400,
                "{\"field\":\"commands[0]\",\"line\":4,\"column\":5,\"message\":",
                "{\"field\":\"resources.memory\",\"line\":6,\"column\":3,\"message\":");
        // a missing field has no place in the text: no line, no column
        rejected("name: unplaced\ncommands: [\"true\"]\n", 400, "{\"field\":\"type\",\"message\":");
    }

    @Test
    void hugeAndDeeplyNestedBodiesAreRefusedWithoutHarm() {
        rejected("a: " + "x".repeat(2 * 1024 * 1024), 413);
        rejected("[".repeat(10_000) + "]".repeat(10_000), 400);
        // the server still answers normally afterwards
        assertThat(api.get(RUNS).status()).isEqualTo(200);
    }

    @Test
    void sqlMetaCharactersInFiltersAreJustValues() {
        ApiClient.Response response = api.get(RUNS + "/x'%20OR%201=1%20--");
        assertThat(response.status()).isEqualTo(404);
        ApiClient.Response list = api.get(RUNS + "?status=RUNNING'%20OR%20'1'='1");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.body()).contains("status must be one of");
    }

    @Test
    void theSameNameSubmittedTwiceConcurrentlyCreatesExactlyOneRun() throws Exception {
        String spec = "type: service\nname: racer\ncommands: [\"sleep 600\"]\nreplicas: 0\n";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> api.post(RUNS, "application/yaml", spec).status());
            var second = pool.submit(() -> api.post(RUNS, "application/yaml", spec).status());
            assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run WHERE name = 'racer'").query(Integer.class).single())
                .isEqualTo(1);
        api.postJson(RUNS + "/racer/stop", "{}");
    }
}

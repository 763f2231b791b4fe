package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SpecDiffTest {
    private static final String STORED = """
            type: service
            name: web
            # a comment the server kept
            commands:
              - python3 -m http.server $PORT
            env:
              MODE: prod
            port: 8000
            replicas: 1
            """;

    private static JsonNode yaml(String text) {
        return Json.parseYaml(text, "test");
    }

    @Test
    void onlyReplicasChangedIsNoDifference() {
        JsonNode wanted = yaml(STORED.replace("replicas: 1", "replicas: 3"));

        assertThat(SpecDiff.differingKeys(yaml(STORED), wanted)).isEmpty();
    }

    @Test
    void formattingKeyOrderAndJsonVersusYamlAreNoDifference() {
        JsonNode wanted = yaml("""
                {"name": "web", "type": "service", "port": 8000, "env": {"MODE": "prod"},
                 "commands": ["python3 -m http.server $PORT"]}
                """);

        assertThat(SpecDiff.differingKeys(yaml(STORED), wanted)).isEmpty();
    }

    @Test
    void everyOtherChangedTopLevelKeyIsNamed() {
        JsonNode wanted = yaml(STORED.replace("MODE: prod", "MODE: dev").replace("http.server", "http.server -b ::")
                .replace("port: 8000\n", "") + "stop_grace_period: 5s\n");

        assertThat(SpecDiff.differingKeys(yaml(STORED), wanted))
                .containsExactly("commands", "env", "stop_grace_period", "port");
    }

    @Test
    void anExplicitNullIsTheSameAsAMissingKey() {
        assertThat(SpecDiff.differingKeys(yaml(STORED), yaml(STORED + "working_dir: null\n"))).isEmpty();
    }

    @Test
    void theWantedReplicaCountIsTheNumberOrTheDefaultOfOne() {
        assertThat(SpecDiff.desiredReplicas(yaml("replicas: 4"), 1)).isEqualTo(4);
        assertThat(SpecDiff.desiredReplicas(yaml("replicas: 0"), 1)).isZero();
        assertThat(SpecDiff.desiredReplicas(yaml("name: web"), 3)).isEqualTo(1);
    }

    @Test
    void aRangeKeepsTheCurrentCountWhenItFitsAndOtherwiseTheNearestBound() {
        assertThat(SpecDiff.desiredReplicas(yaml("replicas: \"1..4\""), 3)).isEqualTo(3);
        assertThat(SpecDiff.desiredReplicas(yaml("replicas: \"2..4\""), 1)).isEqualTo(2);
        assertThat(SpecDiff.desiredReplicas(yaml("replicas: \"1..4\""), 9)).isEqualTo(4);
    }

    @Test
    void anythingElseAsReplicasIsAnError() {
        assertThatThrownBy(() -> SpecDiff.desiredReplicas(yaml("replicas: many"), 1))
                .isInstanceOf(CliException.class).hasMessageContaining("replicas must be");
    }
}

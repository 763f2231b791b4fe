package dev.runplane.execution.local;

import dev.runplane.execution.LaunchRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaScriptTest {

    @Test
    void singleQuotesEscapeOnlyTheQuoteItself() {
        assertThat(ReplicaScript.quote("it's $(id) `x`", "v")).isEqualTo("'it'\\''s $(id) `x`'");
    }

    @Test
    void exportsComeFirstThenSetEThenCdThenCommands() {
        LaunchRequest request = new LaunchRequest(9, "p", "r", 0, 0, List.of("echo a", "echo b"),
                Map.of("B", "2", "A", "1"), null);

        assertThat(ReplicaScript.commandsText(Path.of("/data/9"), request)).isEqualTo("""
                # Runplane replica commands, run by wrapper.sh
                export A='1'
                export B='2'
                set -e
                cd -- '/data/9'
                echo a
                echo b
                """);
    }
}

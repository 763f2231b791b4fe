package dev.runplane.runs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.runs.spec.RunSpec.Probe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSectionTest {
    private static final RunSpecParser PARSER = new RunSpecParser();

    private static RunSpec service(String extra) {
        return PARSER.parse("type: service\nname: web\ncommands: [run]\n" + extra);
    }

    @Test
    void aServiceIsForMembersWithATcpProbeByDefault() {
        RunSpec spec = service("");
        assertThat(spec.service().auth()).isTrue();
        assertThat(spec.service().probes()).containsExactly(Probe.TCP_DEFAULT);
    }

    @Test
    void probesAndPublicAccessAreRead() {
        RunSpec spec = service("""
                auth: false
                probes:
                  - {type: http, path: /healthz, interval: 500ms, timeout: 2s, ready_after: 2, failure_threshold: 5}
                  - {type: tcp}
                """);
        assertThat(spec.service().auth()).isFalse();
        assertThat(spec.service().probes()).containsExactly(
                new Probe(Probe.Type.HTTP, "/healthz", Duration.ofMillis(500), Duration.ofSeconds(2), 2, 5),
                Probe.TCP_DEFAULT);
        assertThat(service("probes: [{type: http}]").service().probes().getFirst().path()).isEqualTo("/");
    }

    @Test
    void badProbesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> service("probes: [{type: http, path: healthz}]"))
                .hasMessageContaining("probes[0].path");
        assertThatThrownBy(() -> service("probes: [{type: grpc}]")).hasMessageContaining("probes[0].type");
        assertThatThrownBy(() -> service("probes: [{type: tcp, path: /x}]")).hasMessageContaining("probes[0].path");
        assertThatThrownBy(() -> service("probes: [{interval: 0s}]")).hasMessageContaining("probes[0].interval");
        assertThatThrownBy(() -> service("probes: [{ready_after: 0}]")).hasMessageContaining("ready_after");
        assertThatThrownBy(() -> service("probes: [{period: 1s}]")).hasMessageContaining("probes[0].period");
        assertThatThrownBy(() -> service("auth: maybe")).hasMessageContaining("auth");
        assertThatThrownBy(() -> PARSER.parse("type: task\nname: t\ncommands: [x]\nauth: false"))
                .hasMessageContaining("only for services");
    }

    @Test
    void existingSpecsWithAPortStayValid() {
        assertThat(service("port: 8000").port()).isEqualTo(8000);
        assertThat(List.of(service("port: 8000").service())).containsExactly(RunSpec.ServiceOptions.DEFAULT);
    }
}

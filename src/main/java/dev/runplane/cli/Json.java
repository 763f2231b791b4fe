package dev.runplane.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The CLI's mappers and the few null-safe reads every command needs from the API's JSON. */
final class Json {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    private Json() {
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    /** @throws CliException when the text is not YAML, naming where it came from */
    static JsonNode parseYaml(String yaml, String source) {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.ERROR, source + " is not valid YAML: " + e.getOriginalMessage());
        }
    }

    static String pretty(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    static String compact(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /** The field as text, or null when it is absent or JSON null (the API leaves most nulls out). */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    static String text(JsonNode node, String field, String fallback) {
        String text = text(node, field);
        return text == null ? fallback : text;
    }

    static int integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isNumber() ? 0 : value.asInt();
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isNumber() ? 0 : value.asLong();
    }
}

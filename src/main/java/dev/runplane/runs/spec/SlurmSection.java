package dev.runplane.runs.spec;

import static dev.runplane.runs.spec.SpecFieldReader.absent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The optional {@code slurm:} section: where on the cluster a replica's job goes. Each value reaches {@code sbatch}
 * as one argument of its own (never through a shell); the pattern still keeps out what no Slurm name contains.
 */
final class SlurmSection {
    static final List<String> KEYS = List.of("partition", "account", "qos", "constraint");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.,:|&!*()\\[\\]+=-]{1,200}");
    private static final String EXPECTED = "1 to 200 of letters, digits and _ . , : | & ! * ( ) [ ] + = -";

    private SlurmSection() {
    }

    static Map<String, String> read(JsonNode node, String backend, SpecFieldReader in) {
        if (absent(node)) {
            return Map.of();
        }
        if (backend != null && !"slurm".equals(backend)) {
            in.error("slurm", "is only for backend: slurm; this spec uses backend: " + backend);
            return Map.of();
        }
        if (!in.mapping(node, "slurm", KEYS)) {
            return Map.of();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : KEYS) {
            JsonNode value = node.get(key);
            if (absent(value)) {
                continue;
            }
            String field = "slurm." + key;
            String text = in.string(value, field, EXPECTED);
            if (text != null && !VALUE.matcher(text).matches()) {
                in.error(field, "must be " + EXPECTED + "; got " + SpecErrors.quoted(text));
            } else if (text != null) {
                options.put(key, text);
            }
        }
        return options;
    }
}

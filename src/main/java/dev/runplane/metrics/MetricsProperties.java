package dev.runplane.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the metrics sampler ({@code runplane.metrics.*}), listed in the README's configuration table.
 *
 * @param enabled              false on a node that runs no replicas (a read-only portal node): two samplers would
 *                             store every sample twice
 * @param interval             time between two samples of each running replica
 * @param rawRetention         how long individual samples are kept; longer stats windows use per-minute rows
 * @param downsampledRetention how long per-minute rows are kept
 * @param nvidiaSmi            where GPU figures come from: a path, or a name looked up on PATH; blank for none.
 *                             Where it is missing replicas simply have no GPU figures
 * @param nvidiaSmiTimeout     longest time one reading of nvidia-smi may take before it is killed
 */
@ConfigurationProperties("runplane.metrics")
public record MetricsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration interval,
        @DefaultValue("1h") Duration rawRetention,
        @DefaultValue("7d") Duration downsampledRetention,
        @DefaultValue("nvidia-smi") String nvidiaSmi,
        @DefaultValue("5s") Duration nvidiaSmiTimeout) {

    public MetricsProperties {
        requirePositive("interval", interval);
        requirePositive("raw-retention", rawRetention);
        requirePositive("downsampled-retention", downsampledRetention);
        requirePositive("nvidia-smi-timeout", nvidiaSmiTimeout);
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("runplane.metrics.interval must be at least 100ms");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("runplane.metrics." + name + " must be a positive duration");
        }
    }
}

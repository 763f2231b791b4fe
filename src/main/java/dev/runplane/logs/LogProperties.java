package dev.runplane.logs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Log settings ({@code runplane.logs.*}).
 *
 * @param interval        how often the ingestor looks for new output
 * @param linesPerSecond  per replica; output beyond it is dropped with an "N lines dropped" marker (0 = no limit)
 * @param burst           lines a replica may print at once before the rate limit applies
 * @param quotaLines      per replica submission; beyond it output is dropped with one marker (0 = no quota)
 * @param maxLineChars    longer lines are cut with a marker
 * @param retention       lines of submissions finished longer ago are deleted
 * @param tailLines       lines kept in memory per replica for live viewers
 * @param ingestWorkers   threads that ingest replicas' output in parallel (each replica is handled by one of them)
 * @param searchTimePerPage how long one page of a search may scan before it answers with what it found so far
 */
@ConfigurationProperties("runplane.logs")
public record LogProperties(
        @DefaultValue("200ms") Duration interval,
        @DefaultValue("5000") int linesPerSecond,
        @DefaultValue("20000") int burst,
        @DefaultValue("2000000") long quotaLines,
        @DefaultValue("8192") int maxLineChars,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1000") int tailLines,
        @DefaultValue("2") int ingestWorkers,
        @DefaultValue("400ms") Duration searchTimePerPage) {
}

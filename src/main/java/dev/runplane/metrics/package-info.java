/**
 * Resource stats of replicas: a sampler that turns each running submission's cumulative CPU time into a CPU % every
 * interval and stores it with memory and GPU figures (for replicas on this host, from one {@code nvidia-smi} reading
 * per pass, matched to each replica's process ids), a retention job that rolls raw samples up into per-minute rows
 * and deletes old ones, and {@link dev.runplane.metrics.StatsQueries}, which reports the current replicas of a run
 * only (DESIGN.md, rules 5 and 6). Publishes {@link dev.runplane.metrics.StatsQueries} and
 * {@link dev.runplane.metrics.MetricsProperties}.
 */
package dev.runplane.metrics;

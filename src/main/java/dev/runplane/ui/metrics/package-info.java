/**
 * Resource stats on the run page: {@link dev.runplane.ui.metrics.StatsPanel} shows the current replicas' CPU,
 * memory and GPU with {@link dev.runplane.ui.metrics.Sparkline}s, SVG drawn on the server.
 */
package dev.runplane.ui.metrics;

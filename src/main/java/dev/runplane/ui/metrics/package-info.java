/**
 * Resource stats on the run page: {@link dev.runplane.ui.metrics.StatsPanel} charts the current replicas' CPU,
 * memory and GPU and the run's cost over a chosen window with {@link dev.runplane.ui.metrics.LineChart}s, SVG drawn
 * on the server ({@link dev.runplane.ui.metrics.BarChart} draws the overview's spend per day).
 */
package dev.runplane.ui.metrics;

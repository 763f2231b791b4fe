/**
 * The log viewer of the run page: {@link dev.runplane.ui.logs.LogPanel}, a component the run detail view embeds.
 * It reads pages through {@link dev.runplane.logs.LogQueries}, follows new lines through
 * {@link dev.runplane.logs.LiveTail} (coalesced to a few pushes a second), keeps a bounded list of lines in memory
 * and renders them escaped, with ANSI colours from the stored style spans.
 */
package dev.runplane.ui.logs;

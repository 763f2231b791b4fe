/**
 * Runs: the desired state users write (spec, desired replica count, stop request) and the one service method per
 * operation that UI, REST API and CLI all call. Publishes {@link dev.runplane.runs.RunChanged} after every commit
 * that changes a run, and {@link dev.runplane.runs.RunQueries} for screen- and response-sized reads.
 */
package dev.runplane.runs;

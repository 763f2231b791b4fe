/**
 * Removes what only a deleted run owned: its submissions' log lines, log progress and metric rows, queued in
 * {@code run_data_purge} by the run's deletion and removed in small batches. Usage intervals (billing history) and
 * events (audit) are kept. Also finds what deletes from before this existed left behind. Publishes nothing.
 */
package dev.runplane.purge;

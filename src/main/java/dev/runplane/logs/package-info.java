/**
 * Logs: the ingestor reads each replica's output from its backend (resumable byte offsets), sanitises it
 * ({@code logs.sanitize}), applies a per-replica rate limit and quota, masks secrets, stores lines in batches on a few
 * worker threads (committed in cursor order), and feeds a bounded live tail. While the data disk is low, output is
 * counted instead of stored, with explicit lines in the replica's log. Publishes {@link dev.runplane.logs.LogQueries}
 * and {@link dev.runplane.logs.LiveTail}.
 */
package dev.runplane.logs;

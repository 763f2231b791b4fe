/**
 * Logs: the ingestor reads each replica's output from its backend (resumable byte offsets), sanitises it
 * ({@code logs.sanitize}), applies a per-replica rate limit and quota, masks secrets, stores lines in batches, and
 * feeds a bounded live tail. Publishes {@link dev.runplane.logs.LogQueries} and {@link dev.runplane.logs.LiveTail}.
 */
package dev.runplane.logs;

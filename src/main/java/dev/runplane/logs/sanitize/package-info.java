/**
 * Turns raw replica output into safe, bounded log lines: bytes to lines with resumable offsets
 * ({@link dev.runplane.logs.sanitize.LineDecoder}), terminal controls stripped while ANSI colour is kept as style
 * spans ({@link dev.runplane.logs.sanitize.LineSanitizer}), and secret values masked
 * ({@link dev.runplane.logs.sanitize.SecretMasker}). Pure code on the ingest hot path: no Spring, no I/O. HTML is
 * deliberately not escaped here; the UI and API escape on output.
 */
package dev.runplane.logs.sanitize;

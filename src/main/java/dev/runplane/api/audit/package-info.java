/** The audit log over REST ({@code GET /api/v1/audit}): filtered, cursor-paged, limited to what the caller may read. */
package dev.runplane.api.audit;

/**
 * The audit log: who did what, where, through which door, with the state before and after. It shares the
 * append-only {@code run_event} table with the run timeline. Publishes {@link dev.runplane.audit.AuditLog} (the
 * writer for events that are not run operations: memberships, users, tokens, denials) and
 * {@link dev.runplane.audit.AuditQueries} (the filtered, paged reader behind the audit API and page).
 */
package dev.runplane.audit;

/**
 * The REST adapter ({@code /api/v1}): its own stateless security chain (bearer tokens), controllers that call the
 * same application services as the UI, and the single translation of exceptions into RFC 9457 problem details.
 */
package dev.runplane.api;

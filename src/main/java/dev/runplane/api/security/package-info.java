/**
 * How API requests authenticate: the bearer-token filter, the per-client limit on failed attempts, the problem+json
 * writer for answers given before any controller runs, and the OpenAPI description of the bearer scheme.
 */
package dev.runplane.api.security;

/**
 * API tokens: random bearer secrets for the REST API and the CLI, stored only as SHA-256 hashes and shown once.
 * Publishes {@link dev.runplane.users.tokens.ApiTokenService} (create, list, revoke, authenticate) and its
 * records. Also installs the operator's {@code RUNPLANE_ADMIN_TOKEN} for the bootstrap administrator.
 */
package dev.runplane.users.tokens;

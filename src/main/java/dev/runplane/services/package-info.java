/**
 * The services endpoint: a listener of its own ({@code runplane.services.port}) that routes
 * {@code /{project}/{run}/…} to the ready replicas of a service, with readiness probes and per-service access.
 * <p>
 * Which replicas serve comes from {@link dev.runplane.replicas.ReplicaQueries#services()} (the one definition of
 * current replicas, DESIGN.md rule 5), read off the event loop into an in-memory table; the prober's verdicts
 * change that table at once and are written to the submission for the portal and the API. Nothing on a Netty
 * thread touches the database: token checks run on a bounded elastic scheduler and are cached briefly.
 */
package dev.runplane.services;

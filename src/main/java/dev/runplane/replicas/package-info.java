/**
 * Replica submissions: one row per attempt to run one replica number of a run. Owns the statuses, the termination
 * reasons and the one table of legal transitions. Only the reconciler writes submissions (observed state).
 */
package dev.runplane.replicas;

/**
 * The reconciler: a level-triggered loop that compares each active run's desired state with what the backends
 * observe and applies the difference. {@link dev.runplane.reconciler.ReconcilePlan} is the pure planning function;
 * {@code RunReconciler} applies a plan; {@code ReconcileLoop} triggers passes (woken by events, ticking at least
 * every second); {@code LeaseClaimer} makes sure only one app node works on a run at a time.
 */
package dev.runplane.reconciler;

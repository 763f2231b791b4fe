/** Resource stats of a run's current replicas over REST ({@code GET .../runs/{run}/stats?window=15m}). */
package dev.runplane.api.stats;

/** Prices and (later) the usage ledger. A replica's price per hour is fixed when it launches. */
package dev.runplane.billing;

/** What start-up does and how long each part takes (the timeline behind docs/benchmarks.md, "Start-up"). */
package dev.runplane.startup;

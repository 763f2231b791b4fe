/**
 * The {@code local} execution backend: each replica submission runs as a {@code setsid}-started process group on
 * this machine, under a small shell wrapper that records the exit code in a file. Output goes to files in the
 * replica's directory, never through pipes into the JVM, so replicas outlive a server restart and are re-adopted
 * from their handle alone. Only {@link dev.runplane.execution.local.LocalBackend} is public.
 */
package dev.runplane.execution.local;

/**
 * The execution backend SPI: how replicas are launched, observed, signalled, read and sampled on some machine.
 * The reconciler is the only caller. Implementations live in sub-packages ({@code execution.local},
 * {@code execution.slurm}) and stay package-private apart from their Spring bean. Every implementation passes the
 * same contract tests ({@code BackendContract} in the test sources).
 */
package dev.runplane.execution;

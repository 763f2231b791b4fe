/**
 * The {@code slurm} execution backend: each replica submission is one Slurm batch job ({@code sbatch}) under a
 * small wrapper that records the exit code and end time in the job's directory on the shared filesystem; one
 * {@code squeue} per poll observes every job, {@code scancel} stops them, the job's output files are its logs.
 * Runplane runs on a login node (the client commands run locally). Only {@link
 * dev.runplane.execution.slurm.SlurmBackend} and its settings are public.
 */
package dev.runplane.execution.slurm;

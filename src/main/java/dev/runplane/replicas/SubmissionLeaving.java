package dev.runplane.replicas;

/**
 * "This submission is about to be asked to end" — published by the reconciler right before it signals a
 * submission (scale-down, restart, stop), delivered synchronously. The services endpoint takes it out of rotation
 * here, before the signal, so no new request is sent to a replica that is going away.
 */
public record SubmissionLeaving(long submissionId) {
}

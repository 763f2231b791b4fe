package dev.runplane.execution;

import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to start one replica submission.
 *
 * @param submissionId database id of the submission; backends use it (never a user-chosen name) for paths
 * @param environment  the spec's env plus Runplane's own variables ({@code RUNPLANE_*}, {@code PORT}); values are
 *                     passed byte-for-byte, never interpreted by Runplane
 * @param workingDir   may be null: the backend picks the replica's own directory
 */
public record LaunchRequest(
        long submissionId,
        String project,
        String run,
        int replicaNum,
        int submissionNum,
        List<String> commands,
        Map<String, String> environment,
        String workingDir) {

    public LaunchRequest {
        commands = List.copyOf(commands);
        environment = Map.copyOf(environment);
    }
}

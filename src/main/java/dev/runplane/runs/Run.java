package dev.runplane.runs;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The run aggregate: desired state written by users, plus the status the reconciler derives. {@code version} makes
 * concurrent writes fail with an optimistic-locking conflict instead of losing an update.
 */
@Table("run")
public class Run {
    @Id
    private Long id;
    private long projectId;
    private String name;
    @Column("run_type")
    private RunType type;
    private String specText;
    private int specVersion;
    private int desiredReplicas;
    private StopRequest stopRequest;
    private String stopRequestedBy;
    private Instant stopRequestedAt;
    private RunStatus status;
    private String submittedBy;
    private Instant submittedAt;
    private Instant updatedAt;
    private Instant finishedAt;
    @Version
    private Long version;

    protected Run() {
    }

    static Run submit(long projectId, String name, RunType type, String specText, int desiredReplicas,
                      String submittedBy, Instant now) {
        Run run = new Run();
        run.projectId = projectId;
        run.name = name;
        run.type = type;
        run.specText = specText;
        run.specVersion = 1;
        run.desiredReplicas = desiredReplicas;
        run.stopRequest = StopRequest.NONE;
        run.status = desiredReplicas == 0 ? RunStatus.PENDING : RunStatus.SUBMITTED;
        run.submittedBy = submittedBy;
        run.submittedAt = now;
        run.updatedAt = now;
        return run;
    }

    public Long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    public RunType type() {
        return type;
    }

    public String specText() {
        return specText;
    }

    public int specVersion() {
        return specVersion;
    }

    public int desiredReplicas() {
        return desiredReplicas;
    }

    public StopRequest stopRequest() {
        return stopRequest;
    }

    public String stopRequestedBy() {
        return stopRequestedBy;
    }

    public Instant stopRequestedAt() {
        return stopRequestedAt;
    }

    public RunStatus status() {
        return status;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Long version() {
        return version;
    }
}

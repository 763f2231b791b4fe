package dev.runplane.runs;

public enum RunType {
    /** runs to completion; done when every replica is done */
    TASK,
    /** runs until stopped; failed replicas are replaced */
    SERVICE
}

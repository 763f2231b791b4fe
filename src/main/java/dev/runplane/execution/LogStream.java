package dev.runplane.execution;

public enum LogStream {
    STDOUT,
    STDERR
}

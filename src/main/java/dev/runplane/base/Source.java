package dev.runplane.base;

/** Where an operation came from; recorded with every event. */
public enum Source {
    UI,
    API,
    CLI,
    RECONCILER;

    public String label() {
        return name().toLowerCase();
    }
}

package dev.runplane.ui.base;

/** A view that can re-read everything it shows, e.g. after Push reconnected. */
public interface LiveView {
    void rereadAll();
}

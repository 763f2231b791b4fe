package dev.runplane.runs;

/**
 * "Run X changed" — published after commit. It deliberately carries no state: listeners re-read what they show
 * (DESIGN.md, rule 3: no client cache).
 */
public record RunChanged(String project, String run) {
}

package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatcherTest {
    private final StringWriter out = new StringWriter();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Answers the frames in turn and stops the watch after the last one. */
    private static Supplier<String> frames(List<Supplier<String>> frames) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            int i = next.getAndIncrement();
            if (i == frames.size() - 1) {
                Thread.currentThread().interrupt();
            }
            return frames.get(i).get();
        };
    }

    private int watch(boolean terminal, boolean ndjson, Supplier<String> frames) {
        return Watcher.watch(new PrintWriter(out), terminal, ndjson, Duration.ofMillis(1), frames);
    }

    @Test
    void intoAPipeFramesFollowEachOtherSeparatedByABlankLine() {
        watch(false, false, frames(List.of(() -> "A  B\n1  2\n", () -> "A  B\n1  3\n")));

        assertThat(out.toString()).isEqualTo("A  B\n1  2\n\nA  B\n1  3\n");
    }

    @Test
    void jsonFramesAreOneLineEach() {
        watch(false, true, frames(List.of(() -> "{\"a\":1}\n", () -> "{\"a\":2}\n")));

        assertThat(out.toString()).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
    }

    @Test
    void onATerminalEachFrameOverwritesThePreviousOneInPlace() {
        watch(true, false, frames(List.of(() -> "one\n", () -> "two\n")));

        assertThat(out.toString()).isEqualTo("\u001b[2J" + "\u001b[Hone\u001b[K\n\u001b[J"
                + "\u001b[Htwo\u001b[K\n\u001b[J");
    }

    @Test
    void anUnreachableServerShowsInTheFrameAndTheWatchGoesOn() {
        watch(false, false, frames(List.of(() -> {
            throw new CliException.Unreachable("cannot reach Runplane at http://x: connection refused");
        }, () -> "back\n")));

        assertThat(out.toString()).isEqualTo("error: cannot reach Runplane at http://x: connection refused\n\nback\n");
    }

    @Test
    void anyOtherErrorEndsTheWatch() {
        assertThatThrownBy(() -> watch(false, false, () -> {
            throw new CliException(ExitCodes.NOT_FOUND, "run 'web' not found");
        })).isInstanceOf(CliException.class).hasMessage("run 'web' not found");
    }
}

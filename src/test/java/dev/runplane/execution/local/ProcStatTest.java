package dev.runplane.execution.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {

    // A line in proc(5)'s layout, with a hostile command name containing spaces and parentheses.
    private static final String LINE = "4242 (a) S 1 (b)) R 100 4242 4242 0 -1 4194560 300 0 0 0 "
            + "150 25 0 0 20 0 3 0 987654 12345678 512 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void parsesFieldsAfterTheLastClosingParenthesis() {
        ProcStat stat = ProcStat.parse(4242, LINE).orElseThrow();

        assertThat(stat.state()).isEqualTo('R');
        assertThat(stat.processGroup()).isEqualTo(4242);
        assertThat(stat.session()).isEqualTo(4242);
        assertThat(stat.userTicks()).isEqualTo(150);
        assertThat(stat.systemTicks()).isEqualTo(25);
        assertThat(stat.startTime()).isEqualTo(987654);
        assertThat(stat.rssPages()).isEqualTo(512);
        assertThat(stat.isAlive()).isTrue();
    }

    @Test
    void zombiesAreNotAlive() {
        assertThat(ProcStat.parse(1, LINE.replace("R 100", "Z 100")).orElseThrow().isAlive()).isFalse();
    }

    @Test
    void garbageIsEmpty() {
        assertThat(ProcStat.parse(1, "")).isEmpty();
        assertThat(ProcStat.parse(1, "1 (x)")).isEmpty();
        assertThat(ProcStat.parse(1, "1 (x) S a b c")).isEmpty();
    }

    @Test
    void readsTheRunningJvm() {
        long pid = ProcessHandle.current().pid();
        ProcStat stat = ProcStat.read(pid).orElseThrow();

        assertThat(stat.pid()).isEqualTo(pid);
        assertThat(stat.startTime()).isPositive();
        assertThat(stat.rssPages()).isPositive();
        assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
    }
}

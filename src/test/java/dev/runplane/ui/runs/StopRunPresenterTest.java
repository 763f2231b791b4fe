package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Both pages that can stop a run hold the one StopRunPresenter (the peer's detail Stop was a different code path). */
class StopRunPresenterTest {

    private static boolean holdsStopPresenter(Class<?> view) {
        return Arrays.stream(view.getDeclaredFields()).map(Field::getType).anyMatch(StopRunPresenter.class::equals);
    }

    @Test
    void theRunsListAndTheRunPageBothStopThroughStopRunPresenter() {
        assertThat(holdsStopPresenter(RunListView.class)).isTrue();
        assertThat(holdsStopPresenter(RunDetailView.class)).isTrue();
        assertThat(StopRunPresenter.Display.class).isAssignableFrom(RunListView.class);
        assertThat(StopRunPresenter.Display.class).isAssignableFrom(RunDetailView.class);
    }
}

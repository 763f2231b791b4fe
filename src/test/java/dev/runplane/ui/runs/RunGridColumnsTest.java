package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.LitRendererTestUtil;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class RunGridColumnsTest {
    private static final String SCRIPT = "<script>alert(1)</script>";

    private static RunRow row(String project, String name, RunStatus status) {
        return new RunRow(1, project, name, RunType.SERVICE, status, 1, 1, "alice", Instant.EPOCH);
    }

    private static Object property(LitRenderer<RunRow> renderer, RunRow row, String name) {
        return renderer.getValueProviders().get(name).apply(row);
    }

    /** Records what was asked; only RUNNING rows are operable. */
    private static final class FakeActions implements RunGridColumns.RowActions {
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean operable(RunRow row) {
            return row.status() == RunStatus.RUNNING;
        }

        @Override
        public void stop(RunRow row) {
            calls.add("stop " + row.name());
        }

        @Override
        public void abort(RunRow row) {
            calls.add("abort " + row.name());
        }
    }

    private static void invoke(LitRenderer<RunRow> renderer, RunRow row, String function) {
        LitRendererTestUtil.invokeFunction(renderer, RunGridColumnsTest::field, i -> row, 0, function,
                JsonNodeFactory.instance.arrayNode());
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNameLinksToTheRunPageWithEachPathSegmentEncoded() {
        RunRow row = row("my project", "a/b?c#d", RunStatus.RUNNING);

        assertThat(property(RunGridColumns.name(), row, "href")).isEqualTo("projects/my%20project/runs/a%2Fb%3Fc%23d");
        assertThat(property(RunGridColumns.actions(new FakeActions()), row, "href"))
                .isEqualTo(property(RunGridColumns.name(), row, "href"));
        assertThat(RunGridColumns.href(row("default", "train-1", RunStatus.DONE)))
                .isEqualTo("projects/default/runs/train-1");
    }

    @Test
    void aScriptNameIsHandedToTheBrowserAsPlainTextForATextBinding() {
        assertThat(property(RunGridColumns.name(), row("p", SCRIPT, RunStatus.RUNNING), "name")).isEqualTo(SCRIPT);
        // every value is bound as a text node or an attribute value, which Lit escapes; nothing is parsed as HTML
        for (String template : List.of(RunGridColumns.NAME_TEMPLATE, StatusBadge.TEMPLATE,
                RunGridColumns.ACTIONS_TEMPLATE)) {
            assertThat(template).doesNotContain("unsafeHTML", "innerHTML", "unsafeSVG", ".textContent");
        }
        assertThat(RunGridColumns.NAME_TEMPLATE).contains(">${item.name}</a>", "href=\"${item.href}\"");
    }

    @Test
    void theStatusBadgeHasTheClassesAndTextOfTheComponentBadge() {
        var component = StatusBadge.of(RunStatus.TERMINATING);
        LitRenderer<RunRow> renderer = RunGridColumns.status();
        RunRow row = row("p", "r", RunStatus.TERMINATING);

        assertThat(property(renderer, row, "status")).isEqualTo(component.getText());
        assertThat("status-badge " + property(renderer, row, "statusClass"))
                .isEqualTo(component.getElement().getAttribute("class"));
        assertThat(StatusBadge.TEMPLATE).contains("class=\"status-badge ${item.statusClass}\"", ">${item.status}<");
    }

    @Test
    void stopAndAbortAreOfferedAsTheActionsSayAndCallThem() {
        FakeActions actions = new FakeActions();
        LitRenderer<RunRow> renderer = RunGridColumns.actions(actions);
        RunRow running = row("p", "live", RunStatus.RUNNING);

        assertThat(property(renderer, running, "operable")).isEqualTo(true);
        assertThat(property(renderer, row("p", "old", RunStatus.DONE), "operable")).isEqualTo(false);
        assertThat(RunGridColumns.ACTIONS_TEMPLATE)
                .contains("class=\"run-stop\"", "class=\"run-abort\"", "?disabled=\"${!item.operable}\"");

        invoke(renderer, running, "stop");
        invoke(renderer, running, "abort");
        assertThat(actions.calls).containsExactly("stop live", "abort live");
    }
}

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

        @Override
        public boolean deletable(RunRow row) {
            return row.status().isFinished();
        }

        @Override
        public void delete(RunRow row) {
            calls.add("delete " + row.name());
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
    void stopAbortAndDeleteAreOfferedAsTheActionsSayAndCallThem() {
        FakeActions actions = new FakeActions();
        LitRenderer<RunRow> renderer = RunGridColumns.actions(actions);
        RunRow running = row("p", "live", RunStatus.RUNNING);
        RunRow done = row("p", "old", RunStatus.DONE);

        assertThat(property(renderer, running, "operable")).isEqualTo(true);
        assertThat(property(renderer, running, "deletable")).isEqualTo(false);
        assertThat(property(renderer, done, "operable")).isEqualTo(false);
        assertThat(property(renderer, done, "deletable")).isEqualTo(true);
        assertThat(property(renderer, running, "finished")).isEqualTo(false);
        assertThat(property(renderer, done, "finished")).isEqualTo(true);
        // Stop and Abort for an unfinished run, Delete for a finished one; each disabled exactly as its flag says
        assertThat(RunGridColumns.ACTIONS_TEMPLATE)
                .contains("class=\"run-stop\"", "class=\"run-abort\"", "class=\"run-delete\"",
                        "?disabled=\"${!item.operable}\" @click=\"${stop}\"", "?disabled=\"${!item.deletable}\"",
                        "@click=\"${abort}\"", "@click=\"${remove}\"");

        invoke(renderer, running, "stop");
        invoke(renderer, running, "abort");
        invoke(renderer, done, "remove");
        assertThat(actions.calls).containsExactly("stop live", "abort live", "delete old");
    }

    @Test
    void ageReadsRelativeWithTheAbsoluteTimeOnHover() {
        RunRow row = row("p", "aged", RunStatus.RUNNING);
        LitRenderer<RunRow> renderer = RunGridColumns.age(java.time.Clock.fixed(
                row.submittedAt().plusSeconds(300), java.time.ZoneOffset.UTC));
        assertThat(property(renderer, row, "age")).isEqualTo("5 min ago");
        assertThat(property(renderer, row, "at")).isEqualTo(Times.format(row.submittedAt()));
        assertThat(RunGridColumns.AGE_TEMPLATE).contains("title=\"submitted ${item.at}\"");
    }
}

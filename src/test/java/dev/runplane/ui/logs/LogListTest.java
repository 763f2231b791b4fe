package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.DataCommunicator;
import dev.runplane.logs.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list on the server: what it keeps of the rows it sent while a followed log scrolls on. */
@ViewPackages(packages = "dev.runplane.ui.logs")
class LogListTest extends BrowserlessTest {
    private static final int VIEWPORT = 60;

    private final List<LogLine> lines = new ArrayList<>();

    private void append(int count) {
        for (int i = 0; i < count; i++) {
            long id = lines.size() + 1;
            lines.add(new LogLine(id, 0, 1, id, Instant.EPOCH, "stdout", "line " + id, null));
        }
    }

    /** What the browser does after each push while following: asks for the rows at the end. */
    private static void browserShowsTheEnd(DataCommunicator<LogLine> communicator, int size) {
        communicator.setViewportRange(Math.max(0, size - VIEWPORT), VIEWPORT);
        roundTrip();
    }

    @Test
    void rowsScrolledAwayAreForgottenWhileTheShownOnesKeepTheirKeys() {
        LogList list = new LogList();
        UI.getCurrent().add(list);
        DataCommunicator<LogLine> communicator = list.getContent().getDataCommunicator();
        append(1_000);
        list.show(lines, true);
        browserShowsTheEnd(communicator, lines.size());
        LogLine shownFirst = lines.getLast();
        assertThat(communicator.getKeyMapper().has(shownFirst)).isTrue();

        for (int push = 0; push < 40; push++) { // ten seconds of a replica printing a thousand lines a second
            append(250);
            list.appended(true);
            browserShowsTheEnd(communicator, lines.size());
        }
        list.appended(true); // the release happens before the next refresh
        browserShowsTheEnd(communicator, lines.size());

        assertThat(communicator.getKeyMapper().has(shownFirst)).as("a row scrolled away long ago").isFalse();
        long remembered = lines.stream().filter(communicator.getKeyMapper()::has).count();
        assertThat(remembered).as("rows the server still holds keys for").isLessThanOrEqualTo(3 * VIEWPORT);
        assertThat(communicator.getKeyMapper().has(lines.getLast())).as("the newest, shown row").isTrue();
    }

    /**
     * A followed list that fits without scrolling is not told to scroll (each scroll is a forced layout in every
     * open page, at every scale of a quiet run); a longer one is scrolled to its end.
     */
    @Test
    void onlyAListLongerThanItsSmallestHeightIsScrolledToItsEnd() {
        LogList list = new LogList();
        UI.getCurrent().add(list);
        roundTrip();
        append(LogList.FIT_WITHOUT_SCROLLING);
        list.show(lines, true);
        assertThat(scrollsPending()).as("a list that fits").isZero();
        append(1);
        list.appended(true);
        assertThat(scrollsPending()).as("one line more than fits").isEqualTo(1);
        list.show(lines, false);
        assertThat(scrollsPending()).as("not following").isZero();
    }

    /** The scrolls this response would carry (run as before a response; taking them empties the queue). */
    private static long scrollsPending() {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(invocation -> invocation.getInvocation().getExpression().contains("scrollToIndex"))
                .count();
    }
}

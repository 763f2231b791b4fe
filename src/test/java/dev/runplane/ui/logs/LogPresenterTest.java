package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogLine;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogPresenterTest {
    private static final ReplicaChoice R0 = new ReplicaChoice(0, 1, 11);
    private static final ReplicaChoice R1 = new ReplicaChoice(1, 1, 12);

    private final FakeTimer timer = new FakeTimer();
    private final FakeLogSource source = new FakeLogSource().submission(11, 0, 1).submission(12, 1, 1)
            .submission(13, 2, 1);
    private final FakeDisplay display = new FakeDisplay();
    private LogPresenter presenter;

    @BeforeEach
    void setUp() {
        presenter = new LogPresenter(source, "train", List.of(R0, R1),
                sink -> new LiveBatcher(Duration.ofMillis(250), 5000, timer::nanoTime, timer, sink), display);
    }

    private List<Long> shownIds() {
        return display.lines.stream().map(LogLine::id).toList();
    }

    private LogRequest lastRequest() {
        return source.requests.getLast();
    }

    @Test
    void startShowsTheNewestLinesAndFollowsEveryCurrentReplica() {
        source.store(11, "a1", "a2");
        source.store(12, "b1");
        presenter.start(Runnable::run);

        assertThat(display.lines).extracting(LogLine::text).containsExactly("a1", "a2", "b1");
        assertThat(lastRequest()).isEqualTo(new LogRequest(null, null, null, null, LogPresenter.FIRST_PAGE, null));
        assertThat(source.listeners.get(11L)).hasSize(1);
        assertThat(source.listeners.get(12L)).hasSize(1);
        assertThat(display.loading).isFalse();
        assertThat(display.empty).isNull();
        assertThat(display.replicaTags).isTrue();
        assertThat(display.replicas).containsExactly(R0, R1);
    }

    @Test
    void aRunWithoutLinesSaysSo() {
        presenter.start(Runnable::run);

        assertThat(display.lines).isEmpty();
        assertThat(display.empty).isEqualTo("No log lines yet");
    }

    @Test
    void liveLinesOfTwoReplicasAreMergedInCursorOrderAndTaggedWithTheirReplica() {
        presenter.start(Runnable::run);
        LogLine b1 = source.line(12, "b1");
        LogLine a1 = source.line(11, "a1");
        LogLine b2 = source.line(12, "b2");
        source.stored.addAll(List.of(b1, a1, b2));
        source.deliver(11, List.of(a1));
        timer.advanceMillis(300);
        source.deliver(12, List.of(b1, b2));
        timer.advanceMillis(300);

        assertThat(display.lines).extracting(LogLine::text).containsExactly("b1", "a1", "b2");
        assertThat(display.lines).extracting(LogRendering::tag).containsExactly("r1", "r0", "r1");
        assertThat(display.empty).isNull();
    }

    @Test
    void liveLinesStopOnceTheReaderMayNoLongerSeeTheRun() {
        presenter.start(Runnable::run);
        source.append(11, "before");
        timer.advanceMillis(300);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("before");

        source.readable = false;
        source.append(11, "after revocation");
        timer.advanceMillis(300);
        source.append(12, "later still");
        timer.advanceMillis(300);

        assertThat(display.lines).extracting(LogLine::text).containsExactly("before");
        assertThat(source.listenerCount()).isZero();
        assertThat(display.following).isFalse();
        assertThat(display.notice).contains("no longer visible");
    }

    @Test
    void aBurstOfLiveLinesReachesTheViewAtMostFourTimesASecond() {
        presenter.start(Runnable::run);
        for (int ms = 0; ms < 1000; ms++) {
            source.append(ms % 2 == 0 ? 11 : 12, "line " + ms);
            timer.advanceMillis(1);
        }
        timer.advanceMillis(250);

        assertThat(display.appendedTimes).hasSizeLessThanOrEqualTo(5);
        for (int i = 4; i < display.appendedTimes.size(); i++) {
            assertThat(display.appendedTimes.get(i) - display.appendedTimes.get(i - 4)).isGreaterThanOrEqualTo(
                    1_000_000_000L);
        }
        assertThat(display.lines).hasSize(1000);
        assertThat(shownIds()).isSorted();
    }

    @Test
    void choosingOneReplicaReadsAndFollowsOnlyItsSubmission() {
        source.store(11, "a1");
        source.store(12, "b1");
        presenter.start(Runnable::run);
        presenter.select(1);

        assertThat(lastRequest().replica()).isEqualTo(1);
        assertThat(lastRequest().submission()).isEqualTo(1);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("b1");
        assertThat(source.listeners.get(11L)).isEmpty();
        assertThat(source.listeners.get(12L)).hasSize(1);
        assertThat(display.replicaTags).isFalse();

        source.append(11, "a2");
        source.append(12, "b2");
        timer.advanceMillis(300);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("b1", "b2");
    }

    @Test
    void detachingUnsubscribesAndDropsLinesOnTheirWay() {
        presenter.start(Runnable::run);
        source.append(11, "a1");
        presenter.stop();
        timer.advanceMillis(300);

        assertThat(source.listenerCount()).isZero();
        assertThat(display.lines).isEmpty();
    }

    @Test
    void scalingUpFollowsTheNewReplicaAndRereads() {
        presenter.start(Runnable::run);
        int reads = source.requests.size();
        ReplicaChoice r2 = new ReplicaChoice(2, 1, 13);
        presenter.setReplicas(List.of(R0, R1, r2));
        source.append(13, "c1");
        timer.advanceMillis(300);

        assertThat(display.replicas).containsExactly(R0, R1, r2);
        assertThat(source.listeners.get(13L)).hasSize(1);
        assertThat(source.requests).hasSize(reads + 1);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("c1");
    }

    @Test
    void aChosenReplicaThatWasScaledAwayFallsBackToAllReplicas() {
        presenter.start(Runnable::run);
        presenter.select(1);
        presenter.setReplicas(List.of(R0));

        assertThat(presenter.selection().replica()).isNull();
        assertThat(display.selected).isEqualTo(LogPick.ALL);
        assertThat(display.replicaTags).isTrue();
        assertThat(source.listeners.get(12L)).isEmpty();
        assertThat(source.listeners.get(11L)).hasSize(1);
    }

    @Test
    void scalingDownDropsTheGoneReplicasLinesWithoutReadingAgain() {
        source.store(11, "a1");
        source.store(12, "b1");
        presenter.start(Runnable::run);
        int reads = source.requests.size();
        source.append(12, "b2 on its way"); // in the batcher when the scale-down is seen
        presenter.setReplicas(List.of(R0));
        timer.advanceMillis(300);

        assertThat(display.lines).extracting(LogLine::text).containsExactly("a1");
        assertThat(source.requests).hasSize(reads);
        assertThat(source.listeners.get(12L)).isEmpty();
        assertThat(source.listeners.get(11L)).hasSize(1);
        assertThat(display.replicas).containsExactly(R0);

        source.append(11, "a2");
        timer.advanceMillis(300);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("a1", "a2");
    }

    @Test
    void scalingDownToNoReplicaSaysThereAreNoLines() {
        source.store(11, "a1");
        presenter.start(Runnable::run);
        presenter.setReplicas(List.of());

        assertThat(display.lines).isEmpty();
        assertThat(display.empty).isEqualTo("No log lines yet");
        assertThat(source.listenerCount()).isZero();
    }

    @Test
    void whenTheGoneReplicaHeldMostOfAFullPageTheNewestLinesAreReadAgain() {
        source.store(11, "a1", "a2");
        String[] many = new String[LogPresenter.FIRST_PAGE];
        Arrays.setAll(many, i -> "b" + i);
        source.store(12, many);
        presenter.start(Runnable::run);
        assertThat(display.lines).hasSize(LogPresenter.FIRST_PAGE); // a2 and a1 are behind "load older"
        int reads = source.requests.size();

        source.earlier(12); // scaled down: no longer among the current replicas the server reads
        presenter.setReplicas(List.of(R0));

        assertThat(source.requests).hasSize(reads + 1);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("a1", "a2");
    }

    @Test
    void anUnchangedReplicaListIsNotReread() {
        presenter.start(Runnable::run);
        int reads = source.requests.size();
        presenter.setReplicas(List.of(R0, R1));

        assertThat(source.requests).hasSize(reads);
    }

    @Test
    void olderLinesLoadBeforeTheFirstCursorAndPauseFollowing() {
        String[] texts = new String[1500];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "line " + i;
        }
        source.store(11, texts);
        presenter.start(Runnable::run);
        assertThat(display.lines).hasSize(1000);
        assertThat(display.olderAvailable).isTrue();
        long first = display.lines.getFirst().id();

        presenter.loadOlder();

        assertThat(lastRequest().before()).isEqualTo(first);
        assertThat(lastRequest().limit()).isEqualTo(LogPresenter.OLDER_PAGE);
        assertThat(display.prepended).isEqualTo(500);
        assertThat(display.lines).hasSize(1500);
        assertThat(shownIds()).isSorted();
        assertThat(display.olderAvailable).isFalse();
        assertThat(display.following).isFalse();
        assertThat(source.listenerCount()).isZero();
    }

    @Test
    void aSearchCutShortByTheServerGoesOnByItselfOnePageAtATime() {
        source.store(11, "error: early");
        for (int i = 0; i < 30; i++) {
            source.store(11, "ok " + i);
        }
        source.searchWindow = 10; // each search page scans 10 cursors, like the server's time-bounded pages
        ArrayDeque<Runnable> uiTasks = new java.util.ArrayDeque<>();
        presenter.start(uiTasks::add);
        runAll(uiTasks);

        presenter.search("error");
        uiTasks.poll().run(); // the newest page: nothing in the newest 10 lines, more to scan
        assertThat(display.lines).isEmpty();
        assertThat(display.empty).as("no verdict yet").isNull();
        assertThat(display.searching).isEqualTo("Searching older lines for \u201cerror\u201d\u2026 0 matches so far");
        assertThat(uiTasks).as("the next slice waits for its own UI task").hasSize(1);

        runAll(uiTasks);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("error: early");
        assertThat(display.searching).isNull();
        assertThat(display.empty).isNull();
        assertThat(display.olderAvailable).as("the search reached the start of the log").isFalse();

        presenter.search("absent");
        runAll(uiTasks);
        assertThat(display.searching).isNull();
        assertThat(display.empty).isEqualTo("No lines match \u201cabsent\u201d");
    }

    @Test
    void aNewSearchStopsTheOneGoingOn() {
        for (int i = 0; i < 50; i++) {
            source.store(11, "ok " + i);
        }
        source.searchWindow = 10;
        ArrayDeque<Runnable> uiTasks = new java.util.ArrayDeque<>();
        presenter.start(uiTasks::add);
        runAll(uiTasks);
        presenter.search("first");
        uiTasks.poll().run();
        assertThat(display.searching).isNotNull();

        presenter.search("ok 4");
        int before = source.requests.size();
        runAll(uiTasks);
        assertThat(source.requests.subList(before, source.requests.size())).extracting(LogRequest::query)
                .as("the abandoned search reads nothing more").containsOnly("ok 4");
        assertThat(display.lines).extracting(LogLine::text).contains("ok 4", "ok 49");
    }

    private static void runAll(ArrayDeque<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void followingAgainRereadsTheNewestLines() {
        presenter.start(Runnable::run);
        presenter.setFollowing(false);
        source.append(11, "while paused");
        presenter.setFollowing(true);

        assertThat(display.lines).extracting(LogLine::text).containsExactly("while paused");
        assertThat(source.listenerCount()).isEqualTo(2);
    }

    @Test
    void searchReadsMatchingLinesOnTheServerAndFiltersLiveOnes() {
        source.store(11, "error: disk", "ok");
        presenter.start(Runnable::run);
        presenter.search(" error ");

        assertThat(lastRequest().query()).isEqualTo("error");
        assertThat(display.lines).extracting(LogLine::text).containsExactly("error: disk");
        // live lines match exactly as the server's search does (case-sensitive), so a reload shows the same lines
        source.append(12, "fine", "ERROR: net", "error: net");
        timer.advanceMillis(300);
        assertThat(display.lines).extracting(LogLine::text).containsExactly("error: disk", "error: net");

        presenter.search("nothing like it");
        assertThat(display.empty).isEqualTo("No lines match \u201cnothing like it\u201d");
    }

    @Test
    void theLinesHeldInMemoryAreCapped() {
        presenter.start(Runnable::run);
        for (int batch = 0; batch < 21; batch++) {
            String[] texts = new String[5000];
            Arrays.fill(texts, "x");
            source.append(11, texts);
            timer.advanceMillis(250);
        }

        assertThat(display.lines).hasSize(LogPresenter.CAPACITY);
        assertThat(display.lines.getLast().id()).isEqualTo(source.stored.getLast().id());
        assertThat(shownIds()).isSorted();
    }

    @Test
    void linesArrivingFasterThanTheViewTakesAreSkippedWithANotice() {
        presenter.start(Runnable::run);
        source.append(11, "first");
        timer.advanceMillis(0);
        String[] texts = new String[6000];
        Arrays.fill(texts, "y");
        source.append(11, texts);
        timer.advanceMillis(300);

        assertThat(display.lines).hasSize(5001);
        assertThat(display.notice).startsWith("1000 lines arrived too fast");
    }

    @Test
    void downloadWritesTheSelectionAsPlainText() throws Exception {
        source.store(11, "<script>alert(1)</script>");
        source.store(12, "other replica");
        presenter.start(Runnable::run);
        presenter.select(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        presenter.download(out);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith(" replica-0#1 stdout <script>alert(1)</script>\n").doesNotContain("other");
        assertThat(text.lines().filter(l -> l.startsWith("#")))
                .contains("# 1 submission:", "#   Replica 0 (submission 1)");
        assertThat(presenter.downloadName()).isEqualTo("train-replica-0.log");
        assertThat(lastRequest().after()).isZero();
    }

    @Test
    void aDownloadOfASearchGoesOnPastPagesCutShortByTheServer() throws Exception {
        for (int i = 0; i < 50; i++) {
            source.store(11, i % 10 == 0 ? "error " + i : "ok " + i);
        }
        source.searchWindow = 7; // every search page scans 7 cursors, most of them find nothing
        presenter.start(Runnable::run);
        presenter.search("error");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        presenter.download(out);

        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)))
                .containsExactly("0", "10", "20", "30", "40");
    }

    @Test
    void aFailedReadShowsAMessageInsteadOfLines() {
        LogSource broken = new LogSource() {
            @Override
            public LogPage page(LogRequest request) {
                throw new IllegalStateException("database is down");
            }

            @Override
            public Runnable subscribe(long submissionId, Consumer<List<LogLine>> listener) {
                return () -> { };
            }

            @Override
            public boolean mayRead() {
                return true;
            }
        };
        LogPresenter failing = new LogPresenter(broken, "train", List.of(R0), sink -> new LiveBatcher(Duration.ofMillis(250), 10, timer::nanoTime, timer, sink),
                display);
        failing.start(Runnable::run);

        assertThat(display.notice).isEqualTo("Could not read logs: database is down");
        assertThat(display.loading).isFalse();
    }

    @Test
    void anEarlierSubmissionIsOfferedAfterTheCurrentReplicasAndReadOnItsOwn() {
        source.submission(14, 1, 0).earlier(14);
        ReplicaChoice scaledDown = new ReplicaChoice(1, 0, 14, false, "scaled down");
        source.store(14, "from the scaled-down one");
        source.store(11, "current");
        presenter.start(Runnable::run);
        presenter.setReplicas(List.of(R0, R1), List.of(scaledDown));
        assertThat(display.replicas).containsExactly(R0, R1, scaledDown);
        assertThat(scaledDown.label()).isEqualTo("Earlier: replica 1 \u00b7 submission 0 (scaled down)");
        assertThat(display.lines).extracting(LogLine::text).containsExactly("current");

        presenter.select(new LogPick(1, 0));

        assertThat(lastRequest()).isEqualTo(new LogRequest(1, 0, null, null, LogPresenter.FIRST_PAGE, null));
        assertThat(display.lines).extracting(LogLine::text).containsExactly("from the scaled-down one");
        assertThat(display.selected).isEqualTo(new LogPick(1, 0));
        assertThat(presenter.downloadName()).isEqualTo("train-replica-1-submission-0.log");
    }

    @Test
    void includingHistoryReadsAndSearchesTheEarlierSubmissionsToo() throws Exception {
        source.submission(14, 1, 0).earlier(14);
        source.store(14, "old error");
        source.store(11, "new error");
        presenter.start(Runnable::run);
        presenter.setReplicas(List.of(R0, R1), List.of(new ReplicaChoice(1, 0, 14, false, "scaled down")));
        presenter.search("error");
        assertThat(display.lines).extracting(LogLine::text).containsExactly("new error");

        presenter.setHistory(true);

        assertThat(lastRequest()).isEqualTo(
                new LogRequest(null, null, null, null, LogPresenter.FIRST_PAGE, "error", true));
        assertThat(display.lines).extracting(LogLine::text).containsExactly("old error", "new error");
        assertThat(display.history).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        presenter.download(out);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("#")))
                .contains("# 3 submissions:", "#   Earlier: replica 1 \u00b7 submission 0 (scaled down)");
        assertThat(presenter.downloadName()).isEqualTo("train-history.log");
    }

    /** Records what the presenter shows. */
    private final class FakeDisplay implements LogPresenter.Display {
        List<LogLine> lines = List.of();
        List<ReplicaChoice> replicas;
        LogPick selected;
        boolean history;
        boolean loading;
        String empty;
        boolean following;
        boolean olderAvailable;
        String notice;
        boolean replicaTags;
        String searching;
        int prepended;
        final List<Long> appendedTimes = new ArrayList<>();

        @Override
        public void showReplicas(List<ReplicaChoice> replicas, LogPick selected) {
            this.replicas = replicas;
            this.selected = selected;
        }

        @Override
        public void showHistory(boolean included) {
            this.history = included;
        }

        @Override
        public void showLoading(boolean loading) {
            this.loading = loading;
        }

        @Override
        public void showLines(List<LogLine> lines, boolean scrollToEnd) {
            this.lines = lines;
        }

        @Override
        public void linesAppended(boolean scrollToEnd) {
            appendedTimes.add(timer.nanoTime());
        }

        @Override
        public void linesPrepended(int count) {
            prepended = count;
        }

        @Override
        public void showEmpty(String message) {
            empty = message;
        }

        @Override
        public void showFollowing(boolean following) {
            this.following = following;
        }

        @Override
        public void showOlderAvailable(boolean available) {
            olderAvailable = available;
        }

        @Override
        public void showNotice(String message) {
            notice = message;
        }

        @Override
        public void showSearching(String message) {
            searching = message;
        }

        @Override
        public void showReplicaTags(boolean shown) {
            replicaTags = shown;
        }
    }
}

package dev.runplane.ui.logs;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.virtuallist.VirtualList;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.runplane.logs.LogLine;
import java.util.List;
import java.util.function.Supplier;

/**
 * The scrolling list of lines. Only the rows in view are sent to the browser, so 100,000 held lines stay smooth.
 * Each row is rendered by a Lit template whose values are all bound as text or attribute values, which Lit escapes:
 * a line {@code <script>…</script>} shows literally. Timestamps and replica tags are always sent and shown or
 * hidden by a CSS class, so toggling them re-sends nothing.
 */
final class LogList extends Composite<VirtualList<LogLine>> {
    static final String TEMPLATE = """
            <div class="log-line ${item.stream}"><span class="log-ts">${item.ts}</span>\
            <span class="log-replica">${item.r}</span><span class="log-text">${item.segs
              ? item.segs.map((s) => s.mark
                ? html`<mark class="log-match ${s.cls}" style="${s.style}">${s.text}</mark>`
                : html`<span class="${s.cls}" style="${s.style}">${s.text}</span>`)
              : item.text}</span></div>""";

    /**
     * Lines that fit in the list's smallest height (16rem, ~12 lines) without scrolling: a list this short is
     * not scrolled to its end (there is nothing to scroll, and each scroll is a forced layout in every open page).
     */
    static final int FIT_WITHOUT_SCROLLING = 10;

    private final CallbackDataProvider<LogLine, Void> provider;
    private List<LogLine> lines = List.of();
    /** How many lines the browser was last told about: re-showing an empty list sends nothing. */
    private int shownSize;
    /** The search whose matches are marked; null for none. */
    private String highlight;

    LogList() {
        provider = new CallbackDataProvider<>(query -> {
            int from = Math.min(query.getOffset(), lines.size());
            int to = Math.min(from + query.getLimit(), lines.size());
            return List.copyOf(lines.subList(from, to)).stream();
        }, query -> lines.size(), LogLine::id);
        VirtualList<LogLine> list = getContent();
        list.setId("log-list");
        list.addClassName("log-list");
        list.setRenderer(renderer(() -> highlight));
        list.setDataProvider(provider);
        VirtualListClearGuard.install(list); // issue 15: RangeError in $connector.clear when the list shrinks
        // a scrolling region must take focus so that keyboard users can scroll it (axe: scrollable-region-focusable)
        list.getElement().setAttribute("tabindex", "0");
        list.getElement().setAttribute("aria-label", "Log lines");
    }

    static LitRenderer<LogLine> renderer() {
        return renderer(() -> null);
    }

    static LitRenderer<LogLine> renderer(Supplier<String> highlight) {
        return LitRenderer.<LogLine>of(TEMPLATE)
                .withProperty("stream", LogRendering::streamClass)
                .withProperty("ts", LogRendering::time)
                .withProperty("r", LogRendering::tag)
                .withProperty("text", LogLine::text)
                .withProperty("segs", line -> LogRendering.segments(line.text(), line.spans(), highlight.get()));
    }

    /** Marks the matches of this search in the rows sent from now on; the search's reload sends them all again. */
    void setHighlight(String query) {
        highlight = query == null || query.isBlank() ? null : query.strip();
    }

    /** @param lines a live view of the held lines; later changes are announced with the methods below */
    void show(List<LogLine> lines, boolean scrollToEnd) {
        this.lines = lines;
        if (lines.isEmpty() && shownSize == 0) {
            return;
        }
        shownSize = lines.size();
        refresh();
        scrollToEndIf(scrollToEnd);
    }

    void appended(boolean scrollToEnd) {
        shownSize = lines.size();
        refresh();
        scrollToEndIf(scrollToEnd);
    }

    private void scrollToEndIf(boolean scrollToEnd) {
        if (scrollToEnd && lines.size() > FIT_WITHOUT_SCROLLING) {
            getContent().scrollToEnd();
        }
    }

    /** Keeps the rows the reader was looking at in view. */
    void prepended(int count) {
        shownSize = lines.size();
        refresh();
        getContent().scrollToIndex(count);
    }

    private void refresh() {
        PassivatedKeyRelease.release(getContent().getDataCommunicator()); // rows the previous pushes scrolled away
        provider.refreshAll();
    }

    void setShowTimestamps(boolean shown) {
        getContent().setClassName("log-show-ts", shown);
    }

    void setShowReplicaTags(boolean shown) {
        getContent().setClassName("log-show-replica", shown);
    }

    /** Calls back when the reader scrolls to (near) the top, at most every quarter second. */
    void onScrolledToTop(Runnable action) {
        getContent().getElement().addEventListener("scroll", e -> action.run())
                .setFilter("element.scrollTop < 40")
                .debounce(250);
    }

    List<LogLine> lines() {
        return lines;
    }
}

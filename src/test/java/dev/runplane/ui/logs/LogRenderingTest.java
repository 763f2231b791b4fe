package dev.runplane.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.data.renderer.LitRenderer;
import dev.runplane.logs.LogLine;
import dev.runplane.logs.sanitize.Span;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogRenderingTest {
    private static final String SCRIPT = "<script>alert(1)</script>";

    private static LogLine line(String text, String spans) {
        return new LogLine(7, 1, 2, 3, Instant.parse("2026-01-02T03:04:05.678Z"), "stderr", text, spans);
    }

    private static Object property(LogLine line, String name) {
        LitRenderer<LogLine> renderer = LogList.renderer();
        return renderer.getValueProviders().get(name).apply(line);
    }

    @Test
    void aScriptLineIsHandedToTheBrowserAsPlainTextForATextBinding() {
        LogLine line = line(SCRIPT, null);

        assertThat(property(line, "text")).isEqualTo(SCRIPT);
        assertThat(property(line, "segs")).isNull();
        // the values are bound as text nodes and attribute values, which Lit escapes; nothing is parsed as HTML
        assertThat(LogList.TEMPLATE).contains(": item.text}</span>", ">${s.text}</span>", ">${s.text}</mark>")
                .doesNotContain("unsafeHTML", "innerHTML", "unsafeSVG", ".textContent");
    }

    @Test
    void aColouredScriptLineStaysTextInsideItsSegments() {
        LogLine line = line(SCRIPT, "[{\"s\":0,\"e\":8,\"fg\":\"red\"}]");

        assertThat(LogRendering.segments(line.text(), line.spans())).containsExactly(
                new LogSegment("<script>", "ansi-fg-red", ""),
                new LogSegment("alert(1)</script>", "", ""));
    }

    @Test
    void everyMatchOfTheSearchIsMarkedAcrossStyledSegmentsAndItsStylesKept() {
        String text = "ab INFO ab-ab";
        String spans = "[{\"s\":3,\"e\":10,\"fg\":\"green\"}]"; // "INFO ab" is green

        assertThat(LogRendering.segments(text, spans, "ab")).containsExactly(
                new LogSegment("ab", "", "", true),
                new LogSegment(" ", "", ""),
                new LogSegment("INFO ", "ansi-fg-green", ""),
                new LogSegment("ab", "ansi-fg-green", "", true),
                new LogSegment("-", "", ""),
                new LogSegment("ab", "", "", true));
        // a match cut by a style change is marked on both sides
        assertThat(LogRendering.segments("xINFOy", "[{\"s\":0,\"e\":3,\"fg\":\"red\"}]", "IN")).containsExactly(
                new LogSegment("x", "ansi-fg-red", ""),
                new LogSegment("IN", "ansi-fg-red", "", true),
                new LogSegment("FOy", "", ""));
        assertThat(LogRendering.segments("no hit", null, "ab")).isNull();
        assertThat(LogRendering.segments("case", null, "CASE")).as("the server's search is case-sensitive").isNull();
        assertThat(LogRendering.segments("<b>x</b>", null, "x")).containsExactly(
                new LogSegment("<b>", "", ""), new LogSegment("x", "", "", true), new LogSegment("</b>", "", ""));
    }

    @Test
    void spansBecomeStyledSegmentsCoveringTheWholeLine() {
        String text = "INFO ok WARN done";
        String spans = "[{\"s\":0,\"e\":4,\"fg\":\"green\",\"b\":1},{\"s\":8,\"e\":12,\"fg\":\"bright-yellow\","
                + "\"bg\":\"blue\",\"u\":1},{\"s\":13,\"e\":17,\"fg\":\"#ff8800\",\"i\":1}]";

        assertThat(LogRendering.segments(text, spans)).containsExactly(
                new LogSegment("INFO", "ansi-fg-green ansi-b", ""),
                new LogSegment(" ok ", "", ""),
                new LogSegment("WARN", "ansi-fg-bright-yellow ansi-bg-blue ansi-u", ""),
                new LogSegment(" ", "", ""),
                new LogSegment("done", "ansi-i", "color:#ff8800;"));
    }

    @Test
    void coloursOutsideTheKnownSetAreIgnored() {
        Span span = new Span(0, 1, "red;background:url(x)", "\"><img src=x>", true, false, false);

        assertThat(LogRendering.classes(span)).isEqualTo("ansi-b");
        assertThat(LogRendering.style(span)).isEmpty();
        assertThat(LogRendering.style(new Span(0, 1, "#12abEF", "#000000", false, false, false)))
                .isEqualTo("color:#12abEF;background-color:#000000;");
    }

    @Test
    void spansPastTheEndOfTheTextAreCutAndBrokenSpansAreIgnored() {
        assertThat(LogRendering.segments("abc", "[{\"s\":1,\"e\":9,\"fg\":\"red\"}]")).containsExactly(
                new LogSegment("a", "", ""), new LogSegment("bc", "ansi-fg-red", ""));
        assertThat(LogRendering.segments("abc", "not json")).isNull();
        assertThat(LogRendering.segments("abc", "")).isNull();
    }

    @Test
    void eachLineCarriesItsReplicaTagTimeAndStream() {
        LogLine line = line("x", null);

        assertThat(property(line, "r")).isEqualTo("r1");
        assertThat(property(line, "ts")).isEqualTo("2026-01-02 03:04:05.678");
        assertThat(property(line, "stream")).isEqualTo("log-stderr");
        assertThat(LogList.TEMPLATE).contains("class=\"log-line ");
    }
}

package dev.runplane.logs.sanitize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineSanitizerTest {
    private final LineSanitizer sanitizer = new LineSanitizer(8192);

    private static Span fg(int start, int end, String colour) {
        return new Span(start, end, colour, null, false, false, false);
    }

    @Test
    void htmlStaysLiteralBecauseOutputEscapesIt() {
        String line = "<script>alert(1)</script> <img src=x onerror=alert(2)>";

        SanitizedLine clean = sanitizer.sanitize(line);

        assertThat(clean.text()).isEqualTo(line);
        assertThat(clean.spans()).isEmpty();
    }

    @Test
    void aPlainLineIsReturnedWithoutCopying() {
        String line = "plain\ttext with a tab and ünïcödé";

        assertThat(sanitizer.sanitize(line).text()).isSameAs(line);
    }

    @Test
    void redSgrDisappearsFromTheTextAndBecomesARedSpan() {
        SanitizedLine clean = sanitizer.sanitize("\u001b[31mred\u001b[0m and plain");

        assertThat(clean.text()).isEqualTo("red and plain");
        assertThat(clean.spans()).containsExactly(fg(0, 3, "red"));
    }

    @Test
    void brightBackgroundAndAttributesBecomeStyles() {
        SanitizedLine clean = sanitizer.sanitize("\u001b[1;3;4;92;104mX\u001b[22;23;24;39;49mY\u001b[100mZ");

        assertThat(clean.text()).isEqualTo("XYZ");
        assertThat(clean.spans()).containsExactly(
                new Span(0, 1, "bright-green", "bright-blue", true, true, true),
                new Span(2, 3, null, "bright-black", false, false, false));
    }

    @Test
    void paletteAndTrueColoursBecomeHex() {
        SanitizedLine clean = sanitizer.sanitize(
                "\u001b[38;5;196ma\u001b[38;5;1mb\u001b[38;5;244mc\u001b[48;2;1;2;255md\u001b[0;38:2::18:52:86me");

        assertThat(clean.text()).isEqualTo("abcde");
        assertThat(clean.spans()).containsExactly(
                fg(0, 1, "#ff0000"), fg(1, 2, "#cd0000"), fg(2, 3, "#808080"),
                new Span(3, 4, "#808080", "#0102ff", false, false, false), fg(4, 5, "#123456"));
    }

    @Test
    void outOfRangeColoursAreIgnored() {
        SanitizedLine clean = sanitizer.sanitize("\u001b[31;38;5;999mx\u001b[38;2;300;0;0my\u001b[38;5mz");

        assertThat(clean.text()).isEqualTo("xyz");
        assertThat(clean.spans()).containsExactly(fg(0, 3, "red"));
    }

    @Test
    void adjacentIdenticalStylesMergeAndDefaultStyleMakesNoSpan() {
        SanitizedLine clean = sanitizer.sanitize("\u001b[0mplain\u001b[m \u001b[31mre\u001b[31md\u001b[1m!\u001b[K");

        assertThat(clean.text()).isEqualTo("plain red!");
        assertThat(clean.spans()).containsExactly(
                fg(6, 9, "red"), new Span(9, 10, "red", null, true, false, false));
    }

    @Test
    void carriageReturnKeepsOnlyTheTextAfterTheLastOne() {
        assertThat(sanitizer.sanitize("10%\r50%\r100% done").text()).isEqualTo("100% done");
    }

    @Test
    void aTrailingCarriageReturnErasesNothing() {
        assertThat(sanitizer.sanitize("downloaded\r").text()).isEqualTo("downloaded");
    }

    @Test
    void colourSetBeforeACarriageReturnStillAppliesAfterIt() {
        SanitizedLine clean = sanitizer.sanitize("\u001b[32mold\rnew");

        assertThat(clean.text()).isEqualTo("new");
        assertThat(clean.spans()).containsExactly(fg(0, 3, "green"));
    }

    @Test
    void backspaceDeletesThePreviousCharacterAndIsHarmlessAtTheStart() {
        assertThat(sanitizer.sanitize("\b\bab\bc").text()).isEqualTo("ac");
        assertThat(sanitizer.sanitize("x𝄞\b").text()).isEqualTo("x");
    }

    @Test
    void backspaceShortensTheSpanItDeletesFrom() {
        SanitizedLine clean = sanitizer.sanitize("\u001b[31mabc\u001b[0m\b\bX");

        assertThat(clean.text()).isEqualTo("aX");
        assertThat(clean.spans()).containsExactly(fg(0, 1, "red"));
    }

    @Test
    void screenClearingCursorMovesAndOtherCsiSequencesAreStripped() {
        SanitizedLine clean = sanitizer.sanitize(
                "\u001b[2J\u001b[H\u001b[10;5Hhi\u001b[?25l\u001b[1A\u001b[K!\u001b[>1;2$p");

        assertThat(clean.text()).isEqualTo("hi!");
        assertThat(clean.spans()).isEmpty();
    }

    @Test
    void terminalResetAndOtherShortEscapesAreStripped() {
        assertThat(sanitizer.sanitize("a\u001bcb\u001b(Bc\u001b7d\u001b=e\u001b").text()).isEqualTo("abcde");
    }

    @Test
    void oscTitleAndHyperlinksAreStrippedButTheLinkTextStays() {
        assertThat(sanitizer.sanitize("\u001b]0;title\u0007ok").text()).isEqualTo("ok");
        assertThat(sanitizer.sanitize("\u001b]2;title\u001b\\ok").text()).isEqualTo("ok");
        assertThat(sanitizer.sanitize("see \u001b]8;;https://x.example\u001b\\docs\u001b]8;;\u001b\\ now").text())
                .isEqualTo("see docs now");
    }

    @Test
    void anUnterminatedOscSwallowsTheRestOfTheLineLikeATerminal() {
        assertThat(sanitizer.sanitize("before\u001b]0;never ended").text()).isEqualTo("before");
    }

    @Test
    void aCsiBrokenByAControlCharacterIsAbandoned() {
        assertThat(sanitizer.sanitize("\u001b[31\u0007x").text()).isEqualTo("x");
        assertThat(sanitizer.sanitize("\u001b[31\u001b[32mx").spans()).containsExactly(fg(0, 1, "green"));
    }

    @Test
    void nulDelAndOtherControlCharactersAreRemovedWhileTabAndReplacementCharacterStay() {
        String line = "a\u0000b\u0001c\u007fd\u0085e\u009b31mf\tg\uFFFDh\u000b\u000ci";

        assertThat(sanitizer.sanitize(line).text()).isEqualTo("abcde31mf\tg\uFFFDhi");
    }

    @Test
    void anOverLongLineIsCutWithAMarkerCountingTheMissingCharacters() {
        LineSanitizer small = new LineSanitizer(10);

        SanitizedLine clean = small.sanitize("\u001b[31m0123456789abc\u001b[0mdef");

        assertThat(clean.text()).isEqualTo("0123456789 … [line cut at 10 characters; 6 more skipped]");
        assertThat(clean.spans()).containsExactly(fg(0, 10, "red"));
        assertThat(clean.text().length()).isLessThanOrEqualTo(small.maxTextLength());
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        SanitizedLine clean = new LineSanitizer(3).sanitize("ab𝄞𝄞");

        assertThat(clean.text()).isEqualTo("ab … [line cut at 2 characters; 2 more skipped]");
    }

    @Test
    void aLineTheDecoderSplitGetsAMarkerToo() {
        // the rest of such a line is still arriving: its count comes later, in cutSummary's line
        assertThat(sanitizer.sanitize("part of a long line", true).text())
                .isEqualTo("part of a long line … [line cut at 19 characters]");
        assertThat(new LineSanitizer(4).sanitize("abcdef", true).text())
                .isEqualTo("abcd … [line cut at 4 characters]");
        assertThat(new LineSanitizer(4).cutSummary(10_000_000))
                .isEqualTo("[runplane] the line cut at 4 characters had 9999996 more characters, skipped");
    }

    @Test
    void aSecretSplitByColourCodesIsMaskedAndSpansStayAligned() {
        SecretMasker masker = new SecretMasker(Set.of("hunter22"));

        SanitizedLine clean = sanitizer.sanitize(
                "pw=\u001b[31mhun\u001b[32mter22\u001b[0m ok \u001b[1mbold", false, masker);

        assertThat(clean.text()).isEqualTo("pw=*** ok bold");
        assertThat(clean.spans()).containsExactly(fg(3, 6, "red"), new Span(10, 14, null, null, true, false, false));
    }

    @Test
    void aSecretIsMaskedBeforeTheLengthCapSoNoHalfSecretSurvives() {
        SecretMasker masker = new SecretMasker(List.of("hunter22"));

        SanitizedLine clean = new LineSanitizer(6).sanitize("key=hunter22", false, masker);

        assertThat(clean.text()).isEqualTo("key=** … [line cut at 6 characters; 1 more skipped]");
    }

    @Test
    void spansSurviveAJsonRoundTrip() {
        SanitizedLine clean = sanitizer.sanitize(
                "\u001b[31mred\u001b[0m \u001b[1;3;4;38;2;1;2;3;48;5;21mall\u001b[0m \u001b[101mbg");

        String json = clean.spansJson();

        assertThat(json).isEqualTo("[{\"s\":0,\"e\":3,\"fg\":\"red\"},"
                + "{\"s\":4,\"e\":7,\"fg\":\"#010203\",\"bg\":\"#0000ff\",\"b\":1,\"i\":1,\"u\":1},"
                + "{\"s\":8,\"e\":10,\"bg\":\"bright-red\"}]");
        assertThat(SanitizedLine.parseSpansJson(json)).isEqualTo(clean.spans());
    }

    @Test
    void spansJsonIsEmptyWithoutSpansAndReadsBackLeniently() {
        assertThat(sanitizer.sanitize("plain").spansJson()).isEmpty();
        assertThat(SanitizedLine.parseSpansJson("")).isEmpty();
        assertThat(SanitizedLine.parseSpansJson(null)).isEmpty();
        assertThat(SanitizedLine.parseSpansJson(" [ ] ")).isEmpty();
        assertThat(SanitizedLine.parseSpansJson(" [ { \"e\" : 2 , \"s\" : 1 , \"fg\" : \"a\\\"b\" } ] "))
                .containsExactly(fg(1, 2, "a\"b"));
    }

    @Test
    void malformedSpansJsonIsRejected() {
        for (String bad : List.of("[", "[{}]", "[{\"s\":0,\"e\":1}", "[{\"s\":0,\"e\":1}]x", "[{\"x\":1}]",
                "[{\"s\":0 \"e\":1}]", "{}")) {
            assertThatThrownBy(() -> SanitizedLine.parseSpansJson(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

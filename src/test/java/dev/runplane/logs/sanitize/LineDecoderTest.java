package dev.runplane.logs.sanitize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private static List<DecodedLine> feed(LineDecoder decoder, String s) {
        byte[] bytes = s.getBytes(UTF_8);
        return decoder.feed(bytes, 0, bytes.length);
    }

    private static List<String> texts(List<DecodedLine> lines) {
        return lines.stream().map(DecodedLine::text).toList();
    }

    @Test
    void splitsOnNewlinesAndKeepsTheUnterminatedTailForTheNextFeed() {
        LineDecoder decoder = new LineDecoder(1024);

        assertThat(feed(decoder, "one\ntwo\nthr")).containsExactly(
                new DecodedLine("one", false), new DecodedLine("two", false));
        assertThat(feed(decoder, "ee\n")).containsExactly(new DecodedLine("three", false));
        assertThat(decoder.flush()).isEmpty();
    }

    @Test
    void emptyLinesAreKept() {
        assertThat(texts(feed(new LineDecoder(64), "\n\na\n\n"))).containsExactly("", "", "a", "");
    }

    @Test
    void crlfEndsALineWithoutTheCarriageReturnEvenWhenSplitAcrossFeeds() {
        LineDecoder decoder = new LineDecoder(64);

        assertThat(texts(feed(decoder, "dos\r\nline\r"))).containsExactly("dos");
        assertThat(texts(feed(decoder, "\nnext\r\n"))).containsExactly("line", "next");
    }

    @Test
    void aCarriageReturnInsideALineIsLeftForTheSanitizer() {
        assertThat(texts(feed(new LineDecoder(64), "10%\r100%\n"))).containsExactly("10%\r100%");
    }

    @Test
    void multiByteCharactersSplitAcrossFeedsDecodeIntact() {
        byte[] bytes = "héllo € 𝄞 ok\n".getBytes(UTF_8);
        LineDecoder decoder = new LineDecoder(64);
        List<DecodedLine> lines = new ArrayList<>();

        for (int i = 0; i < bytes.length; i++) {
            lines.addAll(decoder.feed(bytes, i, 1));
        }

        assertThat(texts(lines)).containsExactly("héllo € 𝄞 ok");
    }

    @Test
    void invalidUtf8BytesBecomeReplacementCharacters() {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0xC3, 'c', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 0, '\n'};

        List<DecodedLine> lines = new LineDecoder(64).feed(bytes, 0, bytes.length);

        assertThat(lines.getFirst().text()).startsWith("a\uFFFDb\uFFFDc\uFFFD").endsWith("\0");
    }

    @Test
    void decodesLikeAReplacingCharsetDecoderWhateverTheChunkBoundaries() throws CharacterCodingException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = randomUtf8ishBytes(random, 2_000);
            LineDecoder decoder = new LineDecoder(1 << 16);
            StringBuilder decoded = new StringBuilder();
            int offset = 0;
            while (offset < bytes.length) {
                int n = Math.min(bytes.length - offset, random.nextInt(7) + 1);
                decoder.feed(bytes, offset, n).forEach(line -> decoded.append(line.text()).append('\n'));
                offset += n;
            }
            decoder.flush().forEach(line -> decoded.append(line.text()).append('\n'));

            StringBuilder expected = new StringBuilder();
            for (String line : referenceDecode(bytes).split("\n", -1)) {
                expected.append(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).append('\n');
            }
            if (bytes.length == 0 || bytes[bytes.length - 1] == '\n') {
                expected.setLength(expected.length() - 1); // no partial last line to flush
            }
            assertThat(decoded.toString()).as("round %d", round).isEqualTo(expected.toString());
        }
    }

    private static String referenceDecode(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder reference = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return reference.decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static byte[] randomUtf8ishBytes(Random random, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] pieces = {"a", "\n", "\r\n", "\r", "é", "€", "𝄞", "\u0000"};
        int n = random.nextInt(max);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(10) == 0) {
                out.write(random.nextInt(256)); // garbage, including stray lead and continuation bytes
            } else {
                out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Test
    void aTenMegabyteLineWithoutNewlineIsKeptOnceAndItsRestSkippedAndCounted() {
        int max = 16 * 1024;
        byte[] line = new byte[10 * 1024 * 1024];
        Arrays.fill(line, (byte) 'x');
        LineDecoder decoder = new LineDecoder(max);
        List<DecodedLine> lines = new ArrayList<>();

        for (int offset = 0; offset < line.length; offset += 65536) {
            lines.addAll(decoder.feed(line, offset, 65536));
            assertThat(offset + 65536 - decoder.consumedBytes()).isLessThanOrEqualTo(max + 1L); // pending stays bounded
        }
        lines.addAll(feed(decoder, "\nnext\n"));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).cut()).isTrue();
        assertThat(lines.get(0).text()).hasSize(max);
        assertThat(lines.get(1)).isEqualTo(new DecodedLine("", false, line.length));
        assertThat(lines.get(2)).isEqualTo(new DecodedLine("next", false));
        assertThat(decoder.consumedBytes()).isEqualTo(line.length + 6L);
    }

    @Test
    void theRestOfACutLineIsSkippedUntilItsNewlineAndCountedInCharacters() {
        LineDecoder decoder = new LineDecoder(4);

        assertThat(feed(decoder, "abcdefgh€ij\r\nok\n")).containsExactly(
                new DecodedLine("abcd", true), new DecodedLine("", false, 11), new DecodedLine("ok", false));
        assertThat(feed(decoder, "0123456")).containsExactly(new DecodedLine("0123", true));
        assertThat(decoder.flush()).containsExactly(new DecodedLine("", false, 7));
    }

    @Test
    void cuttingNeverSplitsAMultiByteCharacter() {
        LineDecoder decoder = new LineDecoder(5);

        List<DecodedLine> lines = feed(decoder, "ab€€𝄞x\n");

        assertThat(texts(lines)).containsExactly("ab€", "");
        assertThat(lines.get(1).cutLineChars()).isEqualTo(6);
    }

    @Test
    void aLineOfExactlyTheLimitIsNotCutEvenWithCrlfOrAcrossFeeds() {
        LineDecoder decoder = new LineDecoder(4);

        assertThat(feed(decoder, "abcd\nefgh\r")).containsExactly(new DecodedLine("abcd", false));
        assertThat(feed(decoder, "\n")).containsExactly(new DecodedLine("efgh", false));
        assertThat(feed(decoder, "ijkl")).isEmpty();
        assertThat(decoder.flush()).containsExactly(new DecodedLine("ijkl", false));
    }

    @Test
    void consumedBytesCountsOnlyBytesOfEmittedLinesIncludingTheirTerminators() {
        LineDecoder decoder = new LineDecoder(64);

        feed(decoder, "ab\r\ncd\npartial");
        assertThat(decoder.consumedBytes()).isEqualTo(7);
        feed(decoder, "€"); // 3 bytes, still no newline
        assertThat(decoder.consumedBytes()).isEqualTo(7);
        feed(decoder, "\n");
        assertThat(decoder.consumedBytes()).isEqualTo(18);
    }

    @Test
    void resumingFromThePersistedOffsetGivesNoGapsAndNoDuplicates() {
        // no line over the limit: after a restart inside a skipped rest, that rest arrives as a line of its own
        byte[] bytes = "first\nsecond €\nthird\r\nfourth, long\nlast".getBytes(UTF_8);
        List<String> expected = texts(decodeAll(new LineDecoder(16), bytes, 0));

        for (int crash = 0; crash <= bytes.length; crash++) {
            LineDecoder before = new LineDecoder(16);
            List<String> seen = new ArrayList<>(texts(before.feed(bytes, 0, crash)));
            int resumeAt = (int) before.consumedBytes(); // what the ingestor persisted with the stored lines

            seen.addAll(texts(decodeAll(new LineDecoder(16), bytes, resumeAt)));

            assertThat(seen).as("crash after %d bytes", crash).isEqualTo(expected);
        }
    }

    private static List<DecodedLine> decodeAll(LineDecoder decoder, byte[] bytes, int from) {
        List<DecodedLine> lines = new ArrayList<>(decoder.feed(bytes, from, bytes.length - from));
        lines.addAll(decoder.flush());
        return lines;
    }

    @Test
    void flushReturnsThePartialLastLineOnce() {
        LineDecoder decoder = new LineDecoder(64);
        feed(decoder, "done\nno newline at the end");

        assertThat(decoder.flush()).containsExactly(new DecodedLine("no newline at the end", false));
        assertThat(decoder.flush()).isEmpty();
        assertThat(decoder.consumedBytes()).isEqualTo(26);
    }

    @Test
    void rejectsALimitTooSmallForAFourByteCharacter() {
        assertThatThrownBy(() -> new LineDecoder(3)).isInstanceOf(IllegalArgumentException.class);
    }
}

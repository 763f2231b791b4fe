package dev.runplane.logs.sanitize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Not a benchmark harness: one rough number for the ingest hot path, asserting only correctness. */
class LogPipelineThroughputTest {
    private static final int LINES = 200_000;
    private static final int CHUNK = 64 * 1024;

    @Test
    void decodesSanitisesAndMasksTwoHundredThousandTypicalLines() {
        byte[] input = typicalOutput();
        SecretMasker masker = SecretMasker.fromEnvironment(
                Map.of("API_TOKEN", "tok-abcdef123456", "DB_PASSWORD", "hunter22"));
        LineSanitizer sanitizer = new LineSanitizer(8192);

        run(input, sanitizer, masker); // warm-up, so the number says something about steady state
        long started = System.nanoTime();
        int[] counts = run(input, sanitizer, masker);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(counts[0]).isEqualTo(LINES);
        assertThat(counts[1]).isEqualTo(LINES / 5);
        assertThat(counts[2]).isEqualTo(LINES / 10);
        System.out.printf("log pipeline throughput: %,.0f lines/s (%,d lines, %.1f MB in %.3f s)%n",
                LINES / seconds, LINES, input.length / 1e6, seconds);
    }

    /** @return lines, lines with spans, lines with a masked secret */
    private static int[] run(byte[] input, LineSanitizer sanitizer, SecretMasker masker) {
        LineDecoder decoder = new LineDecoder(16 * 1024);
        int[] counts = new int[3];
        for (int offset = 0; offset < input.length; offset += CHUNK) {
            count(decoder.feed(input, offset, Math.min(CHUNK, input.length - offset)), sanitizer, masker, counts);
        }
        count(decoder.flush(), sanitizer, masker, counts);
        return counts;
    }

    private static void count(List<DecodedLine> lines, LineSanitizer sanitizer, SecretMasker masker, int[] counts) {
        for (DecodedLine line : lines) {
            SanitizedLine clean = sanitizer.sanitize(line.text(), line.cut(), masker);
            counts[0]++;
            counts[1] += clean.spans().isEmpty() ? 0 : 1;
            counts[2] += clean.text().contains(SecretMasker.MASK) ? 1 : 0;
        }
    }

    private static byte[] typicalOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(LINES * 84);
        for (int i = 0; i < LINES; i++) {
            String line;
            if (i % 5 == 0) {
                line = "2024-05-01T12:00:00.123Z \u001b[32mINFO\u001b[0m  worker-" + i % 16
                        + " processed batch " + i + " in 12 ms, queue depth 3\r\n";
            } else if (i % 10 == 1) {
                line = "2024-05-01T12:00:00.123Z DEBUG connecting with token tok-abcdef123456 to db " + i + "\n";
            } else {
                line = "2024-05-01T12:00:00.123Z DEBUG step " + i + " of the pipeline finished, résumé ok: 42\n";
            }
            out.writeBytes(line.getBytes(UTF_8));
        }
        return out.toByteArray();
    }
}

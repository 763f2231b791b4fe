package dev.runplane.logs.sanitize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values in log text with {@value #MASK}. Immutable and thread-safe. A plain indexOf loop per
 * secret: runs carry a handful of secrets, and a line without any hit is returned without copying.
 */
public final class SecretMasker {
    public static final String MASK = "***";
    public static final SecretMasker NONE = new SecretMasker(List.of());
    /** Shorter values would mask ordinary words and numbers everywhere. */
    static final int MIN_SECRET_LENGTH = 4;
    private static final List<String> SECRET_NAME_PARTS = List.of(
            "SECRET", "TOKEN", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE_KEY", "CREDENTIAL");

    private final String[] secrets;

    /** Multi-line values (keys, certificates) are also matched line by line, because logs arrive as lines. */
    public SecretMasker(Collection<String> secrets) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null) {
                continue;
            }
            add(distinct, secret);
            for (String line : secret.split("\n")) {
                add(distinct, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        }
        this.secrets = distinct.toArray(String[]::new);
    }

    private static void add(Set<String> distinct, String secret) {
        if (secret.length() >= MIN_SECRET_LENGTH) {
            distinct.add(secret);
        }
    }

    /** Secrets are the values of variables whose names look like they hold one. */
    public static SecretMasker fromEnvironment(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            if (name != null && value != null && looksSecret(name)) {
                values.add(value);
            }
        });
        return values.isEmpty() ? NONE : new SecretMasker(values);
    }

    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.endsWith("_KEY") || SECRET_NAME_PARTS.stream().anyMatch(upper::contains);
    }

    public boolean isEmpty() {
        return secrets.length == 0;
    }

    public String mask(String text) {
        int[] ranges = ranges(text);
        return ranges == null ? text : replace(text, ranges);
    }

    /** Masks the text and moves the spans along; the mask takes the style of the text where the secret began. */
    public SanitizedLine mask(SanitizedLine line) {
        int[] ranges = ranges(line.text());
        if (ranges == null) {
            return line;
        }
        List<Span> spans = new ArrayList<>(line.spans().size());
        for (Span span : line.spans()) {
            int start = shift(span.start(), ranges);
            int end = shift(span.end(), ranges);
            if (end > start) {
                spans.add(span.withRange(start, end));
            }
        }
        return new SanitizedLine(replace(line.text(), ranges), spans);
    }

    /** @return sorted, merged {@code [start, end)} pairs of every (also overlapping) occurrence, or null if none */
    private int[] ranges(String text) {
        long[] found = null;
        int count = 0;
        for (String secret : secrets) {
            for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) {
                if (found == null) {
                    found = new long[8];
                } else if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = (long) i << 32 | (i + secret.length());
            }
        }
        if (found == null) {
            return null;
        }
        Arrays.sort(found, 0, count); // by start, since start sits in the high bits
        int[] merged = new int[count * 2];
        int n = 0;
        for (int k = 0; k < count; k++) {
            int start = (int) (found[k] >>> 32);
            int end = (int) found[k];
            if (n > 0 && start <= merged[n - 1]) {
                merged[n - 1] = Math.max(merged[n - 1], end); // overlapping or touching: one mask
            } else {
                merged[n++] = start;
                merged[n++] = end;
            }
        }
        return Arrays.copyOf(merged, n);
    }

    private static String replace(String text, int[] ranges) {
        StringBuilder b = new StringBuilder(text.length());
        int from = 0;
        for (int k = 0; k < ranges.length; k += 2) {
            b.append(text, from, ranges[k]).append(MASK);
            from = ranges[k + 1];
        }
        return b.append(text, from, text.length()).toString();
    }

    /** Where a position of the unmasked text lands; one inside a masked range moves to the end of its mask. */
    private static int shift(int position, int[] ranges) {
        int delta = 0;
        for (int k = 0; k < ranges.length; k += 2) {
            int start = ranges[k];
            int end = ranges[k + 1];
            if (position <= start) {
                break;
            }
            if (position < end) {
                return start + delta + MASK.length();
            }
            delta += MASK.length() - (end - start);
        }
        return position + delta;
    }
}

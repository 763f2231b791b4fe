package dev.runplane.logs.sanitize;

import java.util.ArrayList;
import java.util.List;

/** Hand-written because the format is tiny and this runs once per stored or displayed line. */
final class SpansJson {
    private final String in;
    private int pos;

    private SpansJson(String in) {
        this.in = in;
    }

    static String write(List<Span> spans) {
        if (spans.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(spans.size() * 32).append('[');
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            b.append(i == 0 ? "{" : ",{").append("\"s\":").append(s.start()).append(",\"e\":").append(s.end());
            if (s.fg() != null) {
                quote(b.append(",\"fg\":"), s.fg());
            }
            if (s.bg() != null) {
                quote(b.append(",\"bg\":"), s.bg());
            }
            if (s.bold()) {
                b.append(",\"b\":1");
            }
            if (s.italic()) {
                b.append(",\"i\":1");
            }
            if (s.underline()) {
                b.append(",\"u\":1");
            }
            b.append('}');
        }
        return b.append(']').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    static List<Span> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return new SpansJson(json).array();
    }

    private List<Span> array() {
        List<Span> spans = new ArrayList<>();
        expect('[');
        if (peek() == ']') {
            pos++;
        } else {
            char c;
            do {
                spans.add(object());
                c = next();
            } while (c == ',');
            if (c != ']') {
                throw fail("',' or ']'");
            }
        }
        if (peek() != 0) {
            throw fail("end of input");
        }
        return List.copyOf(spans);
    }

    private Span object() {
        expect('{');
        int s = -1;
        int e = -1;
        String fg = null;
        String bg = null;
        boolean bold = false;
        boolean italic = false;
        boolean underline = false;
        if (peek() == '}') {
            pos++;
        } else {
            char c;
            do {
                String key = string();
                expect(':');
                switch (key) {
                    case "s" -> s = number();
                    case "e" -> e = number();
                    case "fg" -> fg = string();
                    case "bg" -> bg = string();
                    case "b" -> bold = number() != 0;
                    case "i" -> italic = number() != 0;
                    case "u" -> underline = number() != 0;
                    default -> throw fail("a known key instead of \"" + key + "\"");
                }
                c = next();
            } while (c == ',');
            if (c != '}') {
                throw fail("',' or '}'");
            }
        }
        return new Span(s, e, fg, bg, bold, italic, underline);
    }

    private int number() {
        skipWhitespace();
        int start = pos;
        while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw fail("a number");
        }
        return Integer.parseInt(in, start, pos, 10);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                throw fail("closing quote");
            }
            char c = in.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char escaped = pos < in.length() ? in.charAt(pos++) : 0;
                if (escaped == 'u' && pos + 4 <= in.length()) {
                    b.append((char) Integer.parseInt(in, pos, pos + 4, 16));
                    pos += 4;
                } else if (escaped == '"' || escaped == '\\' || escaped == '/') {
                    b.append(escaped);
                } else {
                    throw fail("a valid escape");
                }
            } else {
                b.append(c);
            }
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw fail("'" + c + "'");
        }
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private char peek() {
        skipWhitespace();
        return pos < in.length() ? in.charAt(pos) : 0;
    }

    private void skipWhitespace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException fail(String expected) {
        return new IllegalArgumentException("bad spans JSON, expected " + expected + " at " + (pos - 1) + ": " + in);
    }
}

package dev.runplane.logs.sanitize;

/** Colour names for the 16 basic SGR colours and xterm's default 256-colour palette as {@code #rrggbb}. */
final class AnsiColors {
    private static final String[] NAMES = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
    private static final String[] BRIGHT = new String[8];
    private static final String[] PALETTE = new String[256];
    private static final int[] BASIC_RGB = {
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
        0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};
    private static final int[] CUBE_LEVELS = {0, 95, 135, 175, 215, 255};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        for (int i = 0; i < 8; i++) {
            BRIGHT[i] = "bright-" + NAMES[i];
        }
        for (int i = 0; i < 16; i++) {
            PALETTE[i] = hex(BASIC_RGB[i]);
        }
        for (int i = 16; i < 232; i++) {
            int n = i - 16;
            PALETTE[i] = rgb(CUBE_LEVELS[n / 36], CUBE_LEVELS[n / 6 % 6], CUBE_LEVELS[n % 6]);
        }
        for (int i = 232; i < 256; i++) {
            int level = 8 + 10 * (i - 232);
            PALETTE[i] = rgb(level, level, level);
        }
    }

    private AnsiColors() {
    }

    /** @param index 0–7 as in SGR 30–37 / 40–47 */
    static String basic(int index) {
        return NAMES[index];
    }

    /** @param index 0–7 as in SGR 90–97 / 100–107 */
    static String bright(int index) {
        return BRIGHT[index];
    }

    /** @return the palette colour, or null when the index is out of range (the caller then keeps its colour) */
    static String indexed(int index) {
        return index >= 0 && index < PALETTE.length ? PALETTE[index] : null;
    }

    /** @return {@code #rrggbb}, or null when a component is out of range */
    static String rgb(int r, int g, int b) {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            return null;
        }
        return hex(r << 16 | g << 8 | b);
    }

    private static String hex(int rgb) {
        char[] c = new char[7];
        c[0] = '#';
        for (int i = 6; i > 0; i--, rgb >>>= 4) {
            c[i] = HEX[rgb & 0xF];
        }
        return new String(c);
    }
}

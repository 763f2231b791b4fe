package dev.runplane.users.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Making and hashing secrets. 32 random bytes leave nothing to brute-force, so SHA-256 (fast, deterministic) is the
 * right hash: it lets a request find its token by hash, with no per-token salt and no slow KDF on every API call.
 */
final class TokenSecrets {
    static final String PREFIX = "rp_";
    /** Characters of the secret kept in clear for lists: {@code rp_} plus 7 of the 43 random ones. */
    static final int SHOWN_CHARS = 10;
    /** Longer values are refused without hashing: no real secret is this long. */
    static final int MAX_LENGTH = 256;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A cheap shape check, so that junk never costs a hash and a database round trip. */
    static boolean plausible(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > MAX_LENGTH
                || secret.length() <= PREFIX.length()) {
            return false;
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String shownPrefix(String secret) {
        return secret.substring(0, Math.min(SHOWN_CHARS, secret.length()));
    }
}

package dev.runplane.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a text body with a hard size limit, so a 100 MB upload costs at most the limit in memory. */
public final class BodyReader {
    public static final int MAX_SPEC_BYTES = 1024 * 1024;

    private BodyReader() {
    }

    public static String read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException("the body is larger than " + maxBytes / 1024 + " KiB");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new PayloadTooLargeException("the body is larger than " + maxBytes / 1024 + " KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}

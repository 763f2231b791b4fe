package dev.runplane.api;

import dev.runplane.api.security.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every API request body before anything reads it: a declared {@code Content-Length} over the limit is
 * answered 413 at once, and a chunked body (no length) is read through a counting stream that fails once the limit
 * is passed, which the API's error handling turns into the same 413. Without this, six concurrent 90 MB token names
 * exhausted the heap.
 */
final class BodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;

    BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static String message(long maxBytes) {
        return "the request body is larger than the limit of " + maxBytes + " bytes (runplane.api.max-body)";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            // not read: Tomcat swallows what the client still sends (up to its max-swallow-size), then answers
            ProblemJson.write(request, response, 413, "Payload too large", message(maxBytes));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream limited;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (limited == null) {
                    limited = new LimitedInputStream(super.getInputStream(), maxBytes);
                }
                return limited;
            }
        }, response);
    }

    /** Counts what is read and fails with {@link PayloadTooLargeException} past the limit. */
    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        LimitedInputStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new PayloadTooLargeException(message(max));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

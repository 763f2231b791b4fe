package dev.runplane.execution;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Raw bytes read from a replica's output.
 *
 * @param nextOffset the offset to read from next time ({@code fromOffset + bytes.length})
 */
public record LogChunk(byte[] bytes, long nextOffset) {
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /**
     * Up to {@code maxBytes} of an output file from byte offset {@code from}, as every backend that sees the file
     * reads it. A file not written yet (or removed) has nothing to read now, and the caller keeps its offset.
     */
    public static LogChunk readFile(Path file, long from, int maxBytes) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long available = in.length() - from;
            if (available <= 0) {
                return new LogChunk(new byte[0], from);
            }
            byte[] bytes = new byte[(int) Math.min(available, maxBytes)];
            in.seek(from);
            in.readFully(bytes);
            return new LogChunk(bytes, from + bytes.length);
        } catch (IOException e) {
            return new LogChunk(new byte[0], from);
        }
    }
}

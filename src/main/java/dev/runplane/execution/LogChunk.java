package dev.runplane.execution;

/**
 * Raw bytes read from a replica's output.
 *
 * @param nextOffset the offset to read from next time ({@code fromOffset + bytes.length})
 */
public record LogChunk(byte[] bytes, long nextOffset) {
    public boolean isEmpty() {
        return bytes.length == 0;
    }
}

package dev.runplane.ui.runs;

import java.util.List;

/**
 * Which of the current replicas a reader sees: those of the chosen kind (every one when none is chosen), at most
 * {@link #SIZE} to a page. Pure, and kept by the replica table between redraws, so that a reader's filter and page
 * survive every push; the table only hides and shows the rows it keeps, which stay in place.
 *
 * @param kind the kind shown, or null for all
 * @param page the page shown, from 0; clamped by {@link #view} when rows go away
 */
record ReplicaPage(ReplicaKind kind, int page) {
    static final int SIZE = 25;
    static final ReplicaPage ALL = new ReplicaPage(null, 0);

    /** One row of the table, by its key, in table order. */
    record Entry(long key, ReplicaKind kind) {
    }

    /**
     * What the reader sees of the table now.
     *
     * @param shown  this page, clamped to the pages there are (what to keep for the next redraw)
     * @param keys   the visible rows' keys, in table order
     * @param from   the index of the first visible row among the matching ones
     * @param total  how many rows match the kind
     * @param pages  how many pages those make (at least 1)
     * @param counts every row counted by kind, for the filter buttons
     */
    record View(ReplicaPage shown, List<Long> keys, int from, int total, int pages, ReplicaCounts counts) {
        boolean paged() {
            return pages > 1;
        }

        boolean hasPrevious() {
            return shown.page() > 0;
        }

        boolean hasNext() {
            return shown.page() < pages - 1;
        }

        /** {@code Replicas 26–50 of 73}. */
        String rangeText() {
            return total == 0 ? "" : "Replicas " + (from + 1) + "–" + (from + keys.size()) + " of " + total;
        }

        /** {@code No retrying replicas now} while the chosen kind has no rows; else empty. */
        String emptyText() {
            return shown.kind() != null && total == 0 ? "No " + shown.kind().word() + " replicas now" : "";
        }
    }

    /** The rows of this kind from their first page; choosing the kind already shown shows all again. */
    ReplicaPage showing(ReplicaKind wanted) {
        return new ReplicaPage(wanted == kind ? null : wanted, 0);
    }

    /** Another page, by this many pages (never before the first; {@link #view} clamps the end). */
    ReplicaPage turned(int by) {
        return new ReplicaPage(kind, Math.max(0, page + by));
    }

    View view(List<Entry> entries) {
        List<Long> matching = entries.stream().filter(e -> kind == null || e.kind() == kind).map(Entry::key)
                .toList();
        int pages = Math.max(1, (matching.size() + SIZE - 1) / SIZE);
        int at = Math.clamp(page, 0, pages - 1);
        int from = at * SIZE;
        return new View(new ReplicaPage(kind, at), matching.subList(from, Math.min(from + SIZE, matching.size())),
                from, matching.size(), pages, ReplicaCounts.ofKinds(entries.stream().map(Entry::kind).toList()));
    }
}

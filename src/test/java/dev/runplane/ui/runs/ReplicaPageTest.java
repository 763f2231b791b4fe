package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.ui.runs.ReplicaPage.Entry;
import dev.runplane.ui.runs.ReplicaPage.View;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which rows of the current-replica table a reader sees for a filter and a page, and what the pager says. */
class ReplicaPageTest {

    /** {@code running} rows keyed 0…n−1, then the given kinds after them. */
    private static List<Entry> rows(int running, ReplicaKind... others) {
        List<Entry> entries = new ArrayList<>(LongStream.range(0, running)
                .mapToObj(key -> new Entry(key, ReplicaKind.RUNNING)).toList());
        for (ReplicaKind kind : others) {
            entries.add(new Entry(entries.size(), kind));
        }
        return entries;
    }

    private static List<Long> keys(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).boxed().toList();
    }

    @Test
    void upTo25RowsAreOnePageWithoutAPager() {
        View view = ReplicaPage.ALL.view(rows(25));

        assertThat(view.keys()).isEqualTo(keys(0, 25));
        assertThat(view.paged()).isFalse();
        assertThat(view.rangeText()).isEqualTo("Replicas 1–25 of 25");
        assertThat(view.emptyText()).isEmpty();
    }

    @Test
    void moreThan25RowsArePagedAndTheLastPageHoldsTheRest() {
        List<Entry> rows = rows(73);
        View first = ReplicaPage.ALL.view(rows);
        assertThat(first.keys()).isEqualTo(keys(0, 25));
        assertThat(first.paged()).isTrue();
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();

        View second = first.shown().turned(1).view(rows);
        assertThat(second.keys()).isEqualTo(keys(25, 50));
        assertThat(second.rangeText()).isEqualTo("Replicas 26–50 of 73");

        View last = second.shown().turned(1).view(rows);
        assertThat(last.keys()).isEqualTo(keys(50, 73));
        assertThat(last.rangeText()).isEqualTo("Replicas 51–73 of 73");
        assertThat(last.hasNext()).isFalse();
        assertThat(last.shown().turned(1).view(rows).keys()).as("Next past the end stays on the last page")
                .isEqualTo(keys(50, 73));
        assertThat(ReplicaPage.ALL.turned(-1).view(rows).keys()).as("Previous before the first").isEqualTo(keys(0, 25));
    }

    @Test
    void aPageIsKeptWhileItsRowsStayAndClampedWhenRowsGoAway() {
        ReplicaPage third = new ReplicaPage(null, 2);
        assertThat(third.view(rows(60)).rangeText()).isEqualTo("Replicas 51–60 of 60");

        View fewer = third.view(rows(40));
        assertThat(fewer.shown().page()).isEqualTo(1);
        assertThat(fewer.rangeText()).isEqualTo("Replicas 26–40 of 40");
        assertThat(third.view(List.of()).keys()).isEmpty();
    }

    @Test
    void aKindShowsOnlyItsRowsFromTheirFirstPageAndChoosingItAgainShowsAll() {
        List<Entry> rows = rows(48, ReplicaKind.RETRYING, ReplicaKind.LEAVING, ReplicaKind.RETRYING);
        ReplicaPage secondPage = ReplicaPage.ALL.turned(1);

        ReplicaPage retrying = secondPage.showing(ReplicaKind.RETRYING);
        View view = retrying.view(rows);
        assertThat(view.keys()).containsExactly(48L, 50L);
        assertThat(view.paged()).isFalse();
        assertThat(view.rangeText()).isEqualTo("Replicas 1–2 of 2");
        assertThat(view.counts()).isEqualTo(new ReplicaCounts(48, 0, 0, 2, 1, 0));

        assertThat(retrying.showing(ReplicaKind.RETRYING)).isEqualTo(ReplicaPage.ALL);
        assertThat(retrying.showing(ReplicaKind.LEAVING).view(rows).keys()).containsExactly(49L);
    }

    @Test
    void aChosenKindWithNoRowsLeftSaysSoInsteadOfShowingAll() {
        ReplicaPage retrying = ReplicaPage.ALL.showing(ReplicaKind.RETRYING);

        View view = retrying.view(rows(30));

        assertThat(view.keys()).isEmpty();
        assertThat(view.shown().kind()).isEqualTo(ReplicaKind.RETRYING);
        assertThat(view.emptyText()).isEqualTo("No retrying replicas now");
        assertThat(view.rangeText()).isEmpty();
        assertThat(retrying.view(rows(30, ReplicaKind.RETRYING)).keys()).as("and shows it again when it is back")
                .containsExactly(30L);
    }
}

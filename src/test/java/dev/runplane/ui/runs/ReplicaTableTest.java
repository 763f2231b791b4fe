package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.internal.StateNode;
import dev.runplane.replicas.ReplicaQueries.ReplicaRow;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replica table shows each submission in its own row and, on a redraw, sends only the cells that changed. */
@ViewPackages(packages = "dev.runplane.ui.runs")
class ReplicaTableTest extends BrowserlessTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private final Clock clock = Clock.fixed(STARTED.plusSeconds(65), ZoneOffset.UTC);
    private final List<ReplicaRow> restarted = new ArrayList<>();
    private ReplicaTable table;

    private static ReplicaRow row(long id, int replica, ReplicaStatus status) {
        return new ReplicaRow(id, replica, 0, status, null, null, null, STARTED, STARTED, null,
                new BigDecimal("0.052384"), "node" + (replica + 1), Long.toString(4700 + id));
    }

    private static List<Slot<ReplicaRow>> slots(ReplicaRow... rows) {
        return Stream.of(rows).map(r -> new Slot<>(r.replicaNum(), ReplicaSlots.State.LIVE, r, r.statusMessage(),
                (Instant) null)).toList();
    }

    @BeforeEach
    void attach() {
        table = new ReplicaTable("replicas-current", true, clock, restarted::add);
        UI.getCurrent().add(table);
        sent();
    }

    /** The nodes whose changes would be pushed to the browser now; marks them as sent. */
    private Set<StateNode> sent() {
        Set<StateNode> nodes = new HashSet<>();
        UI.getCurrent().getInternals().getStateTree().collectChanges(change -> nodes.add(change.getNode()));
        return nodes;
    }

    /** The rows a reader sees. */
    private List<NativeTableRow> rows() {
        return table.getBody().getRows().stream().filter(Component::isVisible).toList();
    }

    private static List<String> texts(Component row) {
        return row.getChildren().map(cell -> cell.getElement().getTextRecursively()).toList();
    }

    private static Stream<Button> restartButtons(Component root) {
        return Stream.concat(root instanceof Button b ? Stream.of(b) : Stream.empty(),
                root.getChildren().flatMap(ReplicaTableTest::restartButtons));
    }

    @Test
    void aServiceReplicaShowsItsEndpointAndWhetherItIsReady() {
        ReplicaRow notReady = new ReplicaRow(7, 0, 0, ReplicaStatus.RUNNING, null, null, null, STARTED, STARTED, null,
                null, "node1", "4701", "127.0.0.1:20001", false, "http probe: GET /ready answered 503");
        ReplicaRow ready = new ReplicaRow(8, 1, 0, ReplicaStatus.RUNNING, null, null, null, STARTED, STARTED, null,
                null, "node1", "4702", "127.0.0.1:20002", true, null);
        table.show(slots(notReady, ready), Map.of());
        assertThat(texts(rows().get(0))).endsWith("not ready: http probe: GET /ready answered 503",
                "127.0.0.1:20001");
        assertThat(texts(rows().get(1))).endsWith("ready", "127.0.0.1:20002");
    }

    @Test
    void showsEachReplicaWithItsStatusAndUptime() {
        table.setMayRestart(true);
        table.setCurrency("USD");
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), row(2, 1, ReplicaStatus.SUBMITTED)), Map.of());

        assertThat(rows()).hasSize(2);
        assertThat(texts(rows().get(0))).containsExactly("0", "0", "RUNNING", "", "", "2026-11-29 10:00:00 UTC",
                "1m 05s", "$0.052/h", "node1", "4701", "–", "–", "Restart", "", "", "");
        assertThat(rows().get(1).getClassNames()).contains("replica-1");
    }

    @Test
    void anEndedReplicaShowsNoBurnRate() {
        table.setCurrency("USD");
        table.show(slots(row(1, 0, ReplicaStatus.DONE)), Map.of());

        assertThat(texts(rows().get(0)).get(7)).isEqualTo("–");
    }

    @Test
    void aRedrawSendsOnlyTheCellsThatChanged() {
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), row(2, 1, ReplicaStatus.SUBMITTED)), Map.of());
        sent();

        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), row(2, 1, ReplicaStatus.SUBMITTED)), Map.of());
        assertThat(sent()).as("the same replicas again").isEmpty();

        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), row(2, 1, ReplicaStatus.RUNNING)), Map.of());
        Set<StateNode> changed = sent();
        assertThat(changed).as("replica 1's badge (class and text), nothing of replica 0").isNotEmpty()
                .noneMatch(node -> isInside(node, rows().get(0)));
        assertThat(texts(rows().get(1)).get(2)).isEqualTo("RUNNING");
        assertThat(rows().get(1).getChildren().toList().get(2).getChildren().findFirst().orElseThrow()
                .getClassNames()).containsExactlyInAnyOrder("status-badge", "status-running");
    }

    private static boolean isInside(StateNode node, Component row) {
        for (StateNode n = node; n != null; n = n.getParent()) {
            if (n == row.getElement().getNode()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aScaledDownReplicaLeavesAndTheOthersKeepTheirRows() {
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), row(2, 1, ReplicaStatus.RUNNING)), Map.of());
        NativeTableRow first = rows().get(0);

        table.show(slots(row(1, 0, ReplicaStatus.RUNNING)), Map.of());

        assertThat(rows()).containsExactly(first);
        table.show(slots(), Map.of());
        assertThat(rows()).isEmpty();
    }

    @Test
    void aReplicaScaledBackReusesItsRowWithTheNewSubmissionsValues() {
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), row(2, 1, ReplicaStatus.RUNNING)), Map.of());
        NativeTableRow second = rows().get(1);
        List<Component> cells = second.getChildren().toList();
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING)), Map.of());
        assertThat(rows()).hasSize(1);

        ReplicaRow back = new ReplicaRow(3, 1, 1, ReplicaStatus.SUBMITTED, null, null, "waiting", STARTED, null,
                null, null);
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING), back), Map.of());

        assertThat(rows()).hasSize(2);
        assertThat(rows().get(1)).isSameAs(second);
        assertThat(texts(second)).containsExactly("1", "1", "SUBMITTED", "", "", "", "", "–", "", "", "–", "–",
                "Restart", "waiting", "", "");
        assertThat(second.getChildren().toList()).as("the same cells, only their texts changed")
                .containsExactlyElementsOf(cells);
    }

    @Test
    void restartIsOfferedOnlyToARoleThatMayAndOnlyForAnActiveReplica() {
        table.setMayRestart(false);
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING)), Map.of());
        Button restart = restartButtons(table).findFirst().orElseThrow();
        assertThat(restart.isEnabled()).isFalse();
        restart.click(); // a disabled button's click does nothing, and the listener checks again
        assertThat(restarted).isEmpty();

        table.setMayRestart(true);
        table.show(slots(row(1, 0, ReplicaStatus.RUNNING)), Map.of());
        assertThat(restart.isEnabled()).isTrue();
        restart.click();
        assertThat(restarted).extracting(ReplicaRow::replicaNum).containsExactly(0);

        table.show(slots(row(1, 0, ReplicaStatus.DONE)), Map.of());
        assertThat(restart.isEnabled()).isFalse();
    }

    @Test
    void aPendingSlotSaysWhyItWaitsAndHandsItsCountdownToTheBrowser() {
        Instant next = STARTED.plusSeconds(73);
        table.show(List.of(new Slot<>(0, ReplicaSlots.State.PENDING, null,
                "exited with code 3; retry 1 of 2 in 8 s", next)), Map.of());

        assertThat(texts(rows().get(0))).containsExactly("0", "–", "PENDING", "", "", "", "", "–", "", "", "–", "–",
                "Restart", "exited with code 3; retry 1 of 2 in 8 s", "", "");
        assertThat(restartButtons(table).findFirst().orElseThrow().isEnabled()).isFalse();
        assertThat(table.getElement().getOuterHTML())
                .contains("data-countdown-to=\"" + next.toEpochMilli() + "\"");
        sent();

        // the next refresh's server text ("in 7 s") is not pushed: the browser counts down by itself
        table.show(List.of(new Slot<>(0, ReplicaSlots.State.PENDING, null,
                "exited with code 3; retry 1 of 2 in 7 s", next)), Map.of());
        assertThat(sent()).isEmpty();
    }

    private static List<Slot<ReplicaRow>> running(int count) {
        return slots(Stream.iterate(0, i -> i + 1).limit(count)
                .map(i -> row(i + 1, i, ReplicaStatus.RUNNING)).toArray(ReplicaRow[]::new));
    }

    private List<String> shownReplicaNumbers() {
        return rows().stream().map(row -> texts(row).getFirst()).toList();
    }

    @Test
    void aFilterAndAPageHideRowsInPlaceAndSurviveARedraw() {
        List<ReplicaPage.View> views = new ArrayList<>();
        table.onView(views::add);
        List<Slot<ReplicaRow>> slots = new ArrayList<>(running(30));
        slots.set(3, new Slot<>(3, ReplicaSlots.State.PENDING, null, "retry 1 of 2 in 8 s", STARTED.plusSeconds(70)));
        table.show(slots, Map.of());
        List<NativeTableRow> all = List.copyOf(table.getBody().getRows());
        assertThat(rows()).hasSize(25);

        table.turnPage(1);
        assertThat(shownReplicaNumbers()).containsExactly("25", "26", "27", "28", "29");
        assertThat(views.getLast().rangeText()).isEqualTo("Replicas 26–30 of 30");
        sent();
        table.show(slots, Map.of());
        assertThat(sent()).as("the same replicas again, on page 2").isEmpty();
        assertThat(shownReplicaNumbers()).hasSize(5);

        table.showOnly(ReplicaKind.RETRYING);
        assertThat(shownReplicaNumbers()).containsExactly("3");
        assertThat(List.copyOf(table.getBody().getRows())).as("the same rows, none re-created")
                .containsExactlyElementsOf(all);

        table.show(running(30), Map.of()); // replica 3 runs again
        assertThat(rows()).isEmpty();
        assertThat(views.getLast().emptyText()).isEqualTo("No retrying replicas now");
        table.showOnly(null);
        assertThat(rows()).hasSize(25);
    }
}

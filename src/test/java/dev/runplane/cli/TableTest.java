package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAreAlignedTwoSpacesApartWithoutTrailingBlanks() {
        String table = new Table("NAME", "STATUS", "REPLICAS")
                .row("web", "RUNNING", "2/2")
                .row("a-much-longer-name", "PENDING", "0/0")
                .render();

        assertThat(table).isEqualTo("""
                NAME                STATUS   REPLICAS
                web                 RUNNING  2/2
                a-much-longer-name  PENDING  0/0
                """);
    }

    @Test
    void unknownValuesShowAsADashAndLineBreaksAsSpaces() {
        String table = new Table("REPLICA", "MESSAGE", "EXIT").row(0, "line one\n  line two", null).render();

        assertThat(table).isEqualTo("""
                REPLICA  MESSAGE            EXIT
                0        line one line two  -
                """);
    }

    @Test
    void anEmptyTableIsItsHeader() {
        Table table = new Table("A", "B");

        assertThat(table.isEmpty()).isTrue();
        assertThat(table.render()).isEqualTo("A  B\n");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.runplane.ui.logs;

import com.vaadin.flow.component.virtuallist.VirtualList;

/**
 * Works around a bug in Vaadin's virtual-list connector (flow-components 25.2.5, {@code virtualListConnector.js}):
 * after a {@code refreshAll()} that shrinks the list, the server first sends the new, smaller size and then clears
 * the range the browser held before ({@code DataCommunicator.collectChangesToSend}). When that range starts beyond
 * the new size — the reader followed the end of a long log, then a search or a scale-down left fewer lines — the
 * connector computes {@code Math.min(length, items.length - index)}, a negative count, and
 * {@code [...Array(negative)]} throws {@code RangeError: Invalid array length at e.$connector.clear}; the rest of
 * that update (the new rows) is lost until the next one. Rows beyond the size no longer exist in the browser, so
 * clearing them is skipped.
 */
final class VirtualListClearGuard {
    static final String SCRIPT = """
            const list = this;
            const guard = () => {
              const connector = list.$connector;
              if (!connector) { requestAnimationFrame(guard); return; }
              if (connector.__clearGuarded) { return; }
              const clear = connector.clear;
              connector.clear = (index, length) => { if (index < list.items.length) { clear(index, length); } };
              connector.__clearGuarded = true;
            };
            guard();""";

    private VirtualListClearGuard() {
    }

    /** Installs the guard each time the list is attached (the connector is created on attach). */
    static void install(VirtualList<?> list) {
        list.addAttachListener(e -> list.getElement().executeJs(SCRIPT));
    }
}

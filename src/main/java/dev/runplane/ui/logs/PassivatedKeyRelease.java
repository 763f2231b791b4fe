package dev.runplane.ui.logs;

import com.vaadin.flow.data.provider.DataCommunicator;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a leak in Vaadin's virtual list (flow-components 25.2.5): the server remembers every row the browser
 * was ever sent. When rows leave the viewport, {@code DataCommunicator.passivateInactiveKeys} first commits the
 * update — {@code VirtualList.UpdateQueue.commit} confirms it at once, while nothing is registered for it yet — and
 * only then records the rows to release once that update is confirmed. No second confirmation comes, so each
 * update's rows stay in the key mapper (two map entries, a boxed id and a key string per row, and the row itself)
 * for as long as the list lives: a page following a log kept every line that was ever in view, ~5 MiB per session
 * after a few minutes ({@code UiLoadBenchmark}) and without bound.
 *
 * <p>{@link #release} confirms the updates still waiting, through Vaadin's own {@code confirmUpdate}, which releases
 * their rows exactly as a client confirmation would (a row shown again had already been taken off those lists by
 * Vaadin). Only the ids are read, reflectively, from the protected {@code passivatedByUpdate}; should a Vaadin
 * version drop that field, the release turns itself off with a warning and {@code LogListTest} fails.
 */
final class PassivatedKeyRelease {
    private static final Logger log = LoggerFactory.getLogger(PassivatedKeyRelease.class);
    private static final Field PENDING = pendingField();

    private PassivatedKeyRelease() {
    }

    /** Call between flushes (never during one), e.g. just before a refresh. */
    static void release(DataCommunicator<?> communicator) {
        if (PENDING == null) {
            return;
        }
        Map<?, ?> pending;
        try {
            pending = (Map<?, ?>) PENDING.get(communicator);
        } catch (IllegalAccessException e) {
            return;
        }
        if (pending.isEmpty()) {
            return;
        }
        for (Object updateId : List.copyOf(pending.keySet())) {
            communicator.confirmUpdate((Integer) updateId);
        }
    }

    private static Field pendingField() {
        try {
            Field field = DataCommunicator.class.getDeclaredField("passivatedByUpdate");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Vaadin's DataCommunicator has no passivatedByUpdate ({}): rows of the log list are no longer "
                    + "released by Runplane's workaround", e.toString());
            return null;
        }
    }
}

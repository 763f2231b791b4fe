package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.runplane.ui.base.Redraw;
import java.util.function.IntConsumer;

/**
 * The run page's actions: Stop, Abort, and a replica count with Scale. A dumb component: what a click does is the
 * view's (through the presenters the runs list shares); the bar only shows the count and which actions the reader's
 * role and the run's state allow.
 */
final class RunActionBar extends HorizontalLayout {
    private final Button stop = new Button("Stop");
    private final Button abort = new Button("Abort");
    private final IntegerField replicas = new IntegerField();
    private final Button scale = new Button("Scale");
    private Integer shownCount;

    /** @param onScale gets the wanted count; an empty field asks for one instead */
    RunActionBar(Runnable onStop, Runnable onAbort, IntConsumer onScale, Runnable onMissingCount) {
        stop.setId("run-stop");
        stop.addClickListener(e -> onStop.run());
        abort.setId("run-abort");
        abort.addThemeVariants(ButtonVariant.LUMO_ERROR);
        abort.addClickListener(e -> onAbort.run());
        replicas.setId("scale-replicas");
        replicas.setAriaLabel("Replicas"); // a field without a label has no name for screen readers (axe: label)
        replicas.setStepButtonsVisible(true);
        replicas.setMin(0);
        scale.setId("run-scale");
        scale.addClickListener(e -> {
            Integer wanted = replicas.getValue();
            if (wanted == null) {
                onMissingCount.run();
            } else {
                onScale.accept(wanted);
            }
        });
        add(stop, abort, replicas, scale);
        setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    }

    /**
     * @param desired    the run's desired count: put into the field only when it changed, so a count the reader is
     *                   typing survives refreshes that change something else
     * @param mayOperate whether the reader's role may stop and scale runs
     * @param active     whether the run has not finished
     */
    void show(int desired, boolean mayOperate, boolean active) {
        if (shownCount == null || shownCount != desired) {
            shownCount = desired;
            replicas.setValue(desired);
        }
        boolean enabled = mayOperate && active;
        Redraw.enabled(stop, enabled);
        Redraw.enabled(abort, enabled);
        Redraw.enabled(scale, enabled);
        Redraw.readOnly(replicas, !enabled);
    }

    /** Forgets the shown count, so the next {@link #show} puts the run's count back into the field. */
    void resetCount() {
        shownCount = null;
    }
}

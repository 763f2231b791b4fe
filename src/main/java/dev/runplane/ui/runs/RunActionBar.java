package dev.runplane.ui.runs;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.runplane.ui.base.Redraw;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The run page's actions: Stop, Abort, and a replica count with Scale. A dumb component: what a click does is the
 * view's (through the presenters the runs list shares); the bar only shows the count and which actions the reader's
 * role and the run's state allow.
 *
 * <p>The count never fights the user: while they edit it, a change made by someone else is shown beside the field
 * ("now 4, changed by alice") instead of overwriting what they type. Enter scales like the button does, and a count
 * outside {@code 0..max} is refused before anything is confirmed.
 */
final class RunActionBar extends HorizontalLayout {
    private final Button stop = new Button("Stop");
    private final Button abort = new Button("Abort");
    private final IntegerField replicas = new IntegerField();
    private final Button scale = new Button("Scale");
    private final Span hint = new Span();
    private final int maxReplicas;
    private final IntConsumer onScale;
    private final Runnable onMissingCount;
    private final Consumer<String> onInvalid;
    private Integer shownCount;
    /** the user changed the field and has not scaled or gone back to the run's count yet */
    private boolean editing;

    /**
     * @param onScale gets the wanted count, already checked against the bounds; an empty field asks for one instead
     */
    RunActionBar(int maxReplicas, Runnable onStop, Runnable onAbort, IntConsumer onScale, Runnable onMissingCount,
                 Consumer<String> onInvalid) {
        this.maxReplicas = maxReplicas;
        this.onScale = onScale;
        this.onMissingCount = onMissingCount;
        this.onInvalid = onInvalid;
        stop.setId("run-stop");
        stop.addClickListener(e -> onStop.run());
        abort.setId("run-abort");
        abort.addThemeVariants(ButtonVariant.LUMO_ERROR);
        abort.addClickListener(e -> onAbort.run());
        replicas.setId("scale-replicas");
        replicas.setAriaLabel("Replicas"); // a field without a label has no name for screen readers (axe: label)
        replicas.setStepButtonsVisible(true);
        replicas.setMin(0);
        replicas.setMax(maxReplicas);
        // every keystroke reaches the server, so it knows the user is editing and Enter scales what they typed
        replicas.setValueChangeMode(ValueChangeMode.EAGER);
        replicas.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                editing = e.getValue() == null || shownCount == null || !e.getValue().equals(shownCount);
                if (!editing) {
                    Redraw.text(hint, "");
                }
            }
        });
        replicas.addKeyPressListener(Key.ENTER, e -> submit());
        scale.setId("run-scale");
        scale.addClickListener(e -> submit());
        hint.setId("scale-hint");
        hint.addClassName("scale-hint");
        add(stop, abort, replicas, scale, hint);
        setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    }

    private void submit() {
        if (!scale.isEnabled()) {
            return;
        }
        Integer wanted = replicas.getValue();
        if (wanted == null) {
            onMissingCount.run();
        } else if (wanted < 0 || wanted > maxReplicas) {
            onInvalid.accept("Replicas must be between 0 and " + maxReplicas);
        } else {
            onScale.accept(wanted);
        }
    }

    /**
     * @param desired    the run's desired count: put into the field unless the reader is editing it
     * @param changedBy  who last changed the count (for the hint beside a field being edited), or null
     * @param mayOperate whether the reader's role may stop and scale runs
     * @param active     whether the run has not finished
     */
    void show(int desired, String changedBy, boolean mayOperate, boolean active) {
        if (shownCount == null || shownCount != desired) {
            boolean wasShown = shownCount != null;
            shownCount = desired;
            if (editing && wasShown) {
                Redraw.text(hint, "now " + desired + (changedBy == null ? "" : ", changed by " + changedBy));
            } else {
                editing = false;
                replicas.setValue(desired);
                Redraw.text(hint, "");
            }
        }
        boolean enabled = mayOperate && active;
        Redraw.enabled(stop, enabled);
        Redraw.enabled(abort, enabled);
        Redraw.enabled(scale, enabled);
        Redraw.readOnly(replicas, !enabled);
    }

    /** Forgets the shown count and any edit, so the next {@link #show} puts the run's count back into the field. */
    void resetCount() {
        shownCount = null;
        editing = false;
        Redraw.text(hint, "");
    }
}

package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.Role;
import dev.runplane.runs.Run;
import dev.runplane.runs.RunService;
import dev.runplane.runs.spec.RunSpecException;
import dev.runplane.runs.spec.RunSpecException.FieldError;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import dev.runplane.ui.base.UiErrors;
import jakarta.annotation.security.PermitAll;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Submit a run as YAML, starting from a template, in a {@link SpecEditor}. Submit and the list of errors sit above
 * the editor, so six errors never push the button below the fold; each error names its field, line and column, is
 * marked on its line in the gutter, and puts the caret there when clicked. A reader whose role may not create runs
 * (VIEWER) sees why, and no enabled Submit button.
 */
@Route(value = "projects/:project/submit", layout = MainLayout.class)
@PageTitle("Submit run · Runplane")
@PermitAll
public class SubmitRunView extends VerticalLayout implements BeforeEnterObserver {
    static final String TASK_TEMPLATE = """
            type: task
            name: my-task
            commands:
              - echo "hello from replica $RUNPLANE_REPLICA"
            replicas: 1
            resources: {cpu: 1, memory: 512MB}
            retry: {on: [error], limit: 2}
            max_duration: 1h
            """;
    static final String SERVICE_TEMPLATE = """
            type: service
            name: my-service
            commands:
              - python3 -m http.server $PORT
            port: 8000
            replicas: 2
            resources: {cpu: 1, memory: 512MB}
            retry: {on: [error, lost], limit: 3}
            stop_grace_period: 10s
            """;

    private final String reader;
    private final RunService runs;
    private final ProjectAccess access;
    private final SpecEditor editor = new SpecEditor("Run spec (YAML or JSON)");
    private final UnorderedList errors = new UnorderedList();
    private final Paragraph message = new Paragraph();
    private final Button submit = new Button("Submit");
    private String project;

    SubmitRunView(AuthenticationContext authentication, RunService runs, ProjectAccess access) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.runs = runs;
        this.access = access;
        editor.setWidthFull();
        editor.setValue(SERVICE_TEMPLATE);
        errors.setId("spec-errors");
        errors.addClassName("spec-errors");
        message.setId("spec-message");
        message.setVisible(false);
        errors.setVisible(false);
        Button task = new Button("Task template", e -> editor.setValue(TASK_TEMPLATE));
        Button service = new Button("Service template", e -> editor.setValue(SERVICE_TEMPLATE));
        submit.addClickListener(e -> submit());
        submit.setId("spec-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(task, service, submit);
        bar.addClassName("spec-bar");
        add(new H2("Submit a run"), bar, message, errors, editor);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        project = event.getRouteParameters().get("project").orElseThrow();
        Optional<Role> role = access.roleOf(reader, project);
        if (role.isEmpty()) {
            NotFoundView.reroute(event, "project '" + project + "' not found");
            return;
        }
        boolean mayCreate = role.get().canOperateRuns();
        submit.setEnabled(mayCreate);
        showMessage(mayCreate ? "" : "Your role in project '" + project + "' is " + role.get()
                + ": it may not submit runs.");
    }

    /** An empty message takes no room: the editor stays right under the buttons. */
    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(!text.isEmpty());
    }

    /** An error placed in the text is a button that puts the caret on it; one that is not is plain text. */
    private ListItem item(FieldError error) {
        String text = error.field() + ": " + error.message();
        if (error.line() == null) {
            return new ListItem(text);
        }
        // a plain button: unlike Vaadin's, its long label wraps inside the list
        NativeButton go = new NativeButton("Line " + error.line() + ", column " + error.column() + " · " + text,
                e -> editor.goTo(error.line(), error.column()));
        go.addClassName("spec-error-go");
        return new ListItem(go);
    }

    private void submit() {
        errors.removeAll();
        errors.setVisible(false);
        editor.markErrors(List.of());
        showMessage("");
        try {
            Run run = runs.create(new Actor(reader, Source.UI), project, editor.getValue());
            getUI().ifPresent(ui -> ui.navigate(RunDetailView.class,
                    new RouteParameters(Map.of("project", project, "run", run.name()))));
        } catch (RunSpecException e) {
            showMessage("The spec has " + e.errors().size() + " problem" + (e.errors().size() == 1 ? "" : "s")
                    + ":");
            errors.setVisible(true);
            // in the order of the text (a missing field, placed nowhere, first), as a reader goes through it
            e.errors().stream().sorted(Comparator.comparing(FieldError::line, nullsFirst(naturalOrder()))
                            .thenComparing(FieldError::column, nullsFirst(naturalOrder())))
                    .forEach(error -> errors.add(item(error)));
            editor.markErrors(e.errors().stream().map(FieldError::line).filter(Objects::nonNull).toList());
        } catch (RuntimeException e) {
            showMessage(UiErrors.message(e));
        }
    }
}

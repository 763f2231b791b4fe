package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
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
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import dev.runplane.ui.base.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.util.Map;
import java.util.Optional;

/**
 * Submit a run as YAML, starting from a template; validation errors name the field. A reader whose role may not
 * create runs (VIEWER) sees why, and no enabled Submit button.
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
    private final TextArea editor = new TextArea("Run spec (YAML or JSON)");
    private final UnorderedList errors = new UnorderedList();
    private final Paragraph message = new Paragraph();
    private final Button submit = new Button("Submit");
    private String project;

    SubmitRunView(AuthenticationContext authentication, RunService runs, ProjectAccess access) {
        this.reader = authentication.getPrincipalName().orElseThrow();
        this.runs = runs;
        this.access = access;
        editor.setId("spec-editor");
        editor.addClassName("spec-editor");
        editor.setWidthFull();
        editor.setMinHeight("20em");
        editor.setValue(SERVICE_TEMPLATE);
        errors.setId("spec-errors");
        errors.addClassName("spec-errors");
        message.setId("spec-message");
        Button task = new Button("Task template", e -> editor.setValue(TASK_TEMPLATE));
        Button service = new Button("Service template", e -> editor.setValue(SERVICE_TEMPLATE));
        submit.addClickListener(e -> submit());
        submit.setId("spec-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("Submit a run"), new HorizontalLayout(task, service), editor, message, errors, submit);
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
        message.setText(mayCreate ? "" : "Your role in project '" + project + "' is " + role.get()
                + ": it may not submit runs.");
    }

    private void submit() {
        errors.removeAll();
        message.setText("");
        try {
            Run run = runs.create(new Actor(reader, Source.UI), project, editor.getValue());
            getUI().ifPresent(ui -> ui.navigate(RunDetailView.class,
                    new RouteParameters(Map.of("project", project, "run", run.name()))));
        } catch (RunSpecException e) {
            message.setText("The spec has " + e.errors().size() + " problem" + (e.errors().size() == 1 ? "" : "s")
                    + ":");
            e.errors().forEach(error -> errors.add(new ListItem(error.field() + ": " + error.message())));
        } catch (RuntimeException e) {
            message.setText(UiErrors.message(e));
        }
    }
}

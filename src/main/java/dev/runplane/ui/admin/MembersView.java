package dev.runplane.ui.admin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.Source;
import dev.runplane.projects.MemberInfo;
import dev.runplane.projects.MemberService;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.Role;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.NotFoundView;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A project's members. ADMINs and MANAGERs add members, change roles and remove members; everyone else who can
 * read the project sees the list only. {@link MemberService} enforces the rules (no manager touches the ADMIN role,
 * the last admin stays); this view only hides the controls a reader could not use: a MANAGER is offered neither
 * the ADMIN role nor controls on an ADMIN's row.
 */
@Route(value = "projects/:project/members", layout = MainLayout.class)
@PageTitle("Members · Runplane")
@PermitAll
class MembersView extends VerticalLayout implements BeforeEnterObserver {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String user;
    private final Actor actor;
    private final MemberService members;
    private final ProjectAccess access;
    private final H2 title = new H2("Members");
    private final Grid<MemberInfo> grid = new Grid<>();
    private final TextField username = new TextField("Username");
    private final Select<Role> role = new Select<>();
    private final HorizontalLayout form;
    private String project;
    private Role mine;

    MembersView(AuthenticationContext authentication, MemberService members, ProjectAccess access) {
        this.user = authentication.getPrincipalName().orElseThrow();
        this.actor = new Actor(user, Source.UI);
        this.members = members;
        this.access = access;
        username.setId("member-username");
        role.setId("member-role");
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.VIEWER);
        Button add = new Button("Add member", e -> add());
        add.setId("member-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        form = new HorizontalLayout(username, role, add);
        form.setId("member-form");
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        grid.setId("members-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(MemberInfo::username).setHeader("Username").setKey("username").setAutoWidth(true);
        grid.addColumn(MemberInfo::displayName).setHeader("Name").setAutoWidth(true);
        grid.addComponentColumn(this::roleCell).setHeader("Role").setKey("role").setAutoWidth(true);
        grid.addColumn(m -> m.source().name()).setHeader("Source").setAutoWidth(true);
        grid.addColumn(m -> TIME.format(m.addedAt())).setHeader("Added").setAutoWidth(true);
        grid.addComponentColumn(this::removeCell).setKey("actions").setAutoWidth(true);
        add(title, form, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        project = event.getRouteParameters().get("project").orElseThrow();
        Optional<Role> mine = access.roleOf(user, project);
        if (mine.isEmpty()) {
            NotFoundView.reroute(event, "project '" + project + "' not found");
            return;
        }
        this.mine = mine.get();
        title.setText("Members · " + project);
        form.setVisible(canManage());
        role.setItems(assignable());
        role.setValue(Role.VIEWER);
        refresh();
    }

    private boolean canManage() {
        return mine != null && mine.canManageMembers();
    }

    /** Whether this reader may change or remove that member (only an ADMIN touches an ADMIN). */
    private boolean mayTouch(MemberInfo member) {
        return canManage() && (mine == Role.ADMIN || member.role() != Role.ADMIN);
    }

    private List<Role> assignable() {
        return Arrays.stream(Role.values()).filter(r -> mine == Role.ADMIN || r != Role.ADMIN).toList();
    }

    private Component roleCell(MemberInfo member) {
        if (!mayTouch(member)) {
            return new Span(member.role().name());
        }
        Select<Role> select = new Select<>();
        select.setItems(assignable());
        select.setValue(member.role());
        select.addClassName("member-role-select");
        select.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != member.role()) {
                change(member.username(), e.getValue());
            }
        });
        return select;
    }

    private Component removeCell(MemberInfo member) {
        Button remove = new Button("Remove", e -> remove(member.username()));
        remove.addClassName("member-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        remove.setVisible(mayTouch(member));
        return remove;
    }

    private void add() {
        String name = username.getValue().strip();
        try {
            members.setMember(actor, project, name, role.getValue());
            AdminErrors.done("'" + name + "' is now " + role.getValue() + " of " + project);
            username.clear();
        } catch (RuntimeException e) {
            AdminErrors.show(e);
        }
        refresh();
    }

    private void change(String member, Role newRole) {
        try {
            members.setMember(actor, project, member, newRole);
            AdminErrors.done("'" + member + "' is now " + newRole + " of " + project);
        } catch (RuntimeException e) {
            AdminErrors.show(e);
        }
        refresh();
    }

    private void remove(String member) {
        try {
            members.removeMember(actor, project, member);
            AdminErrors.done("'" + member + "' removed from " + project);
        } catch (RuntimeException e) {
            AdminErrors.show(e);
        }
        refresh();
    }

    private void refresh() {
        try {
            grid.setItems(members.members(user, project));
        } catch (NotFoundException e) {
            // membership revoked meanwhile: show nothing rather than someone else's team
            grid.setItems();
            form.setVisible(false);
            AdminErrors.show(e);
        }
    }
}

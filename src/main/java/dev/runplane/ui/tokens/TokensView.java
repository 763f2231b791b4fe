package dev.runplane.ui.tokens;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.runplane.ui.base.ConfirmDialogs;
import dev.runplane.ui.base.MainLayout;
import dev.runplane.ui.base.UiErrors;
import dev.runplane.users.tokens.ApiTokenService;
import dev.runplane.users.tokens.CreatedToken;
import dev.runplane.users.tokens.TokenInfo;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The signed-in user's own API tokens: create (the secret is shown once), list with last use, revoke. */
@Route(value = "tokens", layout = MainLayout.class)
@PageTitle("API tokens · Runplane")
@PermitAll
public class TokensView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String user;
    private final ApiTokenService tokens;
    private final Grid<TokenInfo> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final DatePicker expires = new DatePicker("Expires (optional)");

    TokensView(AuthenticationContext authentication, ApiTokenService tokens) {
        this.user = authentication.getPrincipalName().orElseThrow();
        this.tokens = tokens;
        name.setId("token-name");
        expires.setId("token-expires");
        expires.setMin(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        Button create = new Button("Create token", e -> create());
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, expires, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        configureGrid();
        add(new H2("API tokens"), new Paragraph("Tokens let scripts and the CLI act as you over the REST API. "
                + "A token's secret is shown once, when it is created."), form, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("tokens-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(TokenInfo::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(t -> t.prefix() + "…").setHeader("Starts with").setAutoWidth(true);
        grid.addColumn(t -> format(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(t -> t.expiresAt() == null ? "never" : format(t.expiresAt())).setHeader("Expires")
                .setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : format(t.lastUsedAt())).setHeader("Last used")
                .setAutoWidth(true);
        grid.addComponentColumn(t -> {
            if (t.revokedAt() != null) {
                return new Paragraph("revoked " + format(t.revokedAt()));
            }
            Button revoke = new Button("Revoke", e -> ConfirmDialogs.destructive("confirm-revoke",
                    "Revoke token '" + t.name() + "'?", "Scripts and CLIs that use it stop working at once. "
                            + "This cannot be undone.", "Revoke", () -> revoke(t)));
            revoke.setAriaLabel("Revoke token " + t.name());
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            revoke.addClassName("token-revoke");
            return revoke;
        }).setAutoWidth(true);
        grid.setEmptyStateText("No tokens yet.");
    }

    private void create() {
        try {
            Instant expiry = expires.getValue() == null ? null
                    : expires.getValue().atStartOfDay(ZoneOffset.UTC).toInstant();
            CreatedToken created = tokens.create(user, name.getValue(), expiry);
            showSecretOnce(created);
            name.clear();
            expires.clear();
            refresh();
        } catch (RuntimeException e) {
            Notification.show(UiErrors.message(e), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void showSecretOnce(CreatedToken created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Token '" + created.name() + "' created");
        // plain selectable text with a copy button: a read-only field looked disabled and offered no copy
        Span secret = new Span(created.secret());
        secret.addClassName("secret-value");
        secret.setId("token-secret");
        Button copy = new Button("Copy", e -> copy(e.getSource(), created.secret()));
        copy.setId("token-secret-copy");
        copy.setAriaLabel("Copy the secret");
        HorizontalLayout row = new HorizontalLayout(secret, copy);
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        dialog.add(new Paragraph("Copy it now: it will not be shown again."), row);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.setWidth("36em");
        dialog.open();
    }

    /** The Clipboard API works on https and localhost; elsewhere the text stays selectable by hand. */
    private static void copy(Button button, String text) {
        button.getElement().executeJs("return navigator.clipboard.writeText($0).then(() => true, () => false)", text)
                .then(Boolean.class, copied -> button.setText(copied ? "Copied" : "Select and copy"));
    }

    private void revoke(TokenInfo token) {
        tokens.revoke(user, token.id());
        Notification.show("Token '" + token.name() + "' revoked", 3000, Notification.Position.BOTTOM_START);
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.list(user));
    }

    private static String format(Instant instant) {
        return TIME.format(instant);
    }
}

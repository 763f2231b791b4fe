package dev.runplane.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;
import dev.runplane.ui.base.Redraw;
import dev.runplane.services.ServiceLinks;
import dev.runplane.services.ServiceTokens;
import dev.runplane.services.ServiceUrls;

/**
 * A service's endpoint on its run page: the URL, an "Open" button (a fresh short-lived link that signs this browser
 * in to the service's origin), and the service's own tokens (created and revoked here as in the API; a new secret
 * is shown once). Hidden for tasks.
 */
final class ServicePanel extends VerticalLayout {
    private final String reader;
    private final ServiceLinks links;
    private final ServiceTokens tokens;
    private final ServiceUrls urls;
    private final Anchor url = new Anchor();
    private final Button open = new Button("Open");
    private final TextField tokenName = new TextField();
    private final Button create = new Button("Create token");
    private final TextField secret = new TextField("New token (shown only now)");
    private final VerticalLayout tokenList = new VerticalLayout();
    private final Details tokenSection;
    private String project;
    private String run;
    private boolean mayOperate;
    /** The host this page was opened on (from its first request), for the endpoint address it shows. */
    private String host = "localhost";

    ServicePanel(String reader, ServiceLinks links, ServiceTokens tokens, ServiceUrls urls) {
        this.reader = reader;
        this.links = links;
        this.tokens = tokens;
        this.urls = urls;
        setId("service-panel");
        setPadding(false);
        url.setId("service-url");
        open.setId("service-open");
        open.addThemeVariants(ButtonVariant.LUMO_SMALL);
        open.addClickListener(e -> openService());
        HorizontalLayout endpoint = new HorizontalLayout(new Span("Endpoint"), url, open);
        endpoint.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        tokenName.setPlaceholder("token name");
        tokenName.setId("service-token-name");
        create.setId("service-token-create");
        create.addClickListener(e -> createToken());
        secret.setId("service-token-secret");
        secret.setReadOnly(true);
        secret.setWidth("40em");
        secret.setVisible(false);
        tokenList.setPadding(false);
        tokenList.setId("service-tokens");
        tokenSection = new Details("Service tokens", new HorizontalLayout(tokenName, create), secret, tokenList);
        tokenSection.addOpenedChangeListener(e -> showTokens());
        add(endpoint, tokenSection);
    }

    void show(String project, String run, boolean service, boolean mayOperate) {
        this.project = project;
        this.run = run;
        this.mayOperate = mayOperate;
        Redraw.visible(this, service);
        if (!service) {
            return;
        }
        if (VaadinRequest.getCurrent() != null) {
            host = portalHost(); // a push refresh has no request: the address keeps the host the page was opened on
        }
        String address = urls.serviceUrl(host, project, run).orElse(null);
        Redraw.text(url, address == null ? "the services endpoint is off on this server" : address);
        if (address == null) {
            url.removeHref();
        } else {
            url.setHref(address);
        }
        Redraw.enabled(open, address != null);
        Redraw.enabled(tokenName, mayOperate);
        Redraw.enabled(create, mayOperate);
    }

    private static String portalHost() {
        VaadinRequest request = VaadinRequest.getCurrent();
        String name = request == null ? null : request.getHeader("Host");
        if (name == null || name.isBlank()) {
            return "localhost";
        }
        // the Host header's name without the portal's port
        int colon = name.lastIndexOf(':');
        return colon > 0 && name.indexOf(']') < colon ? name.substring(0, colon) : name;
    }

    private void openService() {
        if (VaadinRequest.getCurrent() != null) {
            host = portalHost(); // a push refresh has no request: the address keeps the host the page was opened on
        }
        String address = urls.serviceUrl(host, project, run).orElse(null);
        if (address != null) {
            getUI().ifPresent(ui -> ui.getPage().open(address + "?" + links.openParameter(reader, project, run),
                    "_blank"));
        }
    }

    private void createToken() {
        try {
            ServiceTokens.Created created = tokens.create(reader, project, run, tokenName.getValue());
            secret.setValue(created.secret());
            secret.setVisible(true);
            tokenName.clear();
            showTokens();
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.BOTTOM_START);
        }
    }

    private void showTokens() {
        if (!tokenSection.isOpened() || project == null) {
            return;
        }
        tokenList.removeAll();
        for (ServiceTokens.Info token : tokens.list(reader, project, run)) {
            Button revoke = new Button("Revoke", e -> {
                tokens.revoke(reader, project, run, token.id());
                showTokens();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setEnabled(mayOperate);
            revoke.addClassName("service-token-revoke");
            HorizontalLayout row = new HorizontalLayout(new Span(token.name()), new Span(token.prefix() + "…"),
                    new Span("by " + token.createdBy() + " " + Times.format(token.createdAt())), revoke);
            row.addClassName("service-token");
            tokenList.add(row);
        }
    }
}

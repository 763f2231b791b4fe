package dev.runplane.services;

import dev.runplane.base.RunplaneProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Where a browser finds a service: {@code runplane.services.public-url}, or the portal's host on the endpoint's port. */
@Component
public class ServiceUrls {
    private final String publicUrl;
    private final ObjectProvider<ServicesEndpoint> endpoint;

    ServiceUrls(RunplaneProperties properties, ObjectProvider<ServicesEndpoint> endpoint) {
        String configured = properties.services().publicUrl();
        this.publicUrl = configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
        this.endpoint = endpoint;
    }

    /** @param portalHost the host name the browser used for the portal; empty when the endpoint is off here */
    public java.util.Optional<String> serviceUrl(String portalHost, String project, String run) {
        if (publicUrl != null) {
            return java.util.Optional.of(publicUrl + "/" + project + "/" + run + "/");
        }
        ServicesEndpoint listener = endpoint.getIfAvailable();
        if (listener == null || !listener.isRunning()) {
            return java.util.Optional.empty();
        }
        String host = portalHost.contains(":") && !portalHost.startsWith("[") ? "[" + portalHost + "]" : portalHost;
        return java.util.Optional.of("http://" + host + ":" + listener.port() + "/" + project + "/" + run + "/");
    }
}

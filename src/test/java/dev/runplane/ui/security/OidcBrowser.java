package dev.runplane.ui.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Walks a real authorization-code flow the way a browser does (cookies, redirects one by one), so that a test can
 * look at and tamper with each step: the app's redirect to the IdP, the IdP's redirect back with code and state.
 */
final class OidcBrowser {
    /** Where the flow ended and whether the session it left is signed in. */
    record Outcome(String landing, boolean signedIn, String authorizeUrl) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String appUrl;

    OidcBrowser(String appUrl) {
        this.appUrl = appUrl;
    }

    /** @param beforeAuthorize called with the IdP authorize URL before it is visited (e.g. to arm a fake token) */
    Outcome login(String registrationId, java.util.function.Consumer<URI> beforeAuthorize,
                  UnaryOperator<String> tamperCallback) {
        URI authorize = URI.create(location(get(URI.create(appUrl + "/oauth2/authorization/" + registrationId))));
        beforeAuthorize.accept(authorize);
        String callback = location(get(authorize));
        String landing = location(get(URI.create(tamperCallback.apply(callback))));
        return new Outcome(landing, signedIn(), authorize.toString());
    }

    /** The runs portal answers a signed-in session itself and sends anyone else to the login page. */
    boolean signedIn() {
        HttpResponse<String> root = get(URI.create(appUrl + "/"));
        return root.statusCode() == 200;
    }

    HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(appUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String location(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 3) {
            throw new AssertionError("expected a redirect from " + response.uri() + ", got " + response.statusCode()
                    + ": " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return response.uri().resolve(location).toString();
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

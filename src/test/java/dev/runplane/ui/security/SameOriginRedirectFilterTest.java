package dev.runplane.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SameOriginRedirectFilterTest {
    private static MockHttpServletRequest request(String host, int port) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/projects/a/runs");
        request.setServerName(host);
        request.setServerPort(port);
        return request;
    }

    @Test
    void aRedirectToTheRequestsOwnHostBecomesRelativeWhateverThatHostClaimedToBe() {
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request("evil.example", 80),
                "http://evil.example/login")).isEqualTo("/login");
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request("localhost", 8080),
                "http://localhost:8080/projects/a/runs?continue#top")).isEqualTo("/projects/a/runs?continue#top");
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request("localhost", 8080), "http://localhost:8080"))
                .isEqualTo("/");
    }

    @Test
    void redirectsElsewhereAndRelativeOnesAreLeftAlone() {
        MockHttpServletRequest request = request("localhost", 8080);
        String idp = "https://idp.example/authorize?redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogin";
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request, idp)).isEqualTo(idp);
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request, "http://localhost:9090/x"))
                .isEqualTo("http://localhost:9090/x");
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request, "https://localhost:8080/x"))
                .isEqualTo("https://localhost:8080/x");
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request, "/login?error")).isEqualTo("/login?error");
        assertThat(SameOriginRedirectFilter.relativeIfOwn(request, "not a uri")).isEqualTo("not a uri");
    }

    @Test
    void afterSignInEveryTargetIsCutToAPathOnThisServer() {
        assertThat(SameOriginRedirectFilter.pathOnly("http://evil.example/projects/a/runs?x=1#y"))
                .isEqualTo("/projects/a/runs?x=1#y");
        assertThat(SameOriginRedirectFilter.pathOnly("//evil.example/x")).isEqualTo("/x");
        assertThat(SameOriginRedirectFilter.pathOnly("http://evil.example")).isEqualTo("/");
        assertThat(SameOriginRedirectFilter.pathOnly("/login?error")).isEqualTo("/login?error");
        assertThat(SameOriginRedirectFilter.pathOnly("not a uri")).isEqualTo("/");
        MockHttpServletRequest signIn = new MockHttpServletRequest("POST", "/login");
        assertThat(SameOriginRedirectFilter.isSignIn(signIn)).isTrue();
        assertThat(SameOriginRedirectFilter.isSignIn(new MockHttpServletRequest("GET", "/login/oauth2/code/corp")))
                .isTrue();
        assertThat(SameOriginRedirectFilter.isSignIn(new MockHttpServletRequest("GET", "/login"))).isFalse();
    }
}

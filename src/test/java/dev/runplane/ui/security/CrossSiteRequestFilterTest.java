package dev.runplane.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CrossSiteRequestFilterTest {
    private final CrossSiteRequestFilter filter = new CrossSiteRequestFilter();

    private MockHttpServletResponse send(String method, String path, String fetchSite) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (fetchSite != null) {
            request.addHeader("Sec-Fetch-Site", fetchSite);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(299); // marks "passed on"
        }
        assertThat(request.getSession(false)).as("no session for " + method + " " + path).isNull();
        return response;
    }

    @Test
    void aStateChangingRequestStartedByAnotherSiteIsRefusedWithoutASession() throws Exception {
        assertThat(send("POST", "/logout", "cross-site").getStatus()).isEqualTo(403);
        assertThat(send("DELETE", "/anything", "Cross-Site").getStatus()).isEqualTo(403);
    }

    @Test
    void everythingElsePasses() throws Exception {
        assertThat(send("POST", "/logout", "same-origin").getStatus()).isEqualTo(299);
        assertThat(send("POST", "/login", "same-site").getStatus()).isEqualTo(299);
        assertThat(send("POST", "/login", "none").getStatus()).isEqualTo(299);
        assertThat(send("POST", "/login", null).getStatus()).isEqualTo(299);
        // following a link from another site is fine
        assertThat(send("GET", "/projects/a/runs", "cross-site").getStatus()).isEqualTo(299);
        // the REST API takes no cookies and is not concerned
        assertThat(send("POST", "/api/v1/projects/a/runs", "cross-site").getStatus()).isEqualTo(299);
        assertThat(send("POST", "/login/oauth2/code/corp", "cross-site").getStatus()).isEqualTo(299);
    }
}

package dev.runplane.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;

/** One signed-in (or not yet signed-in) browser: its own cookies, its own page. */
public final class BrowserSession implements AutoCloseable {
    private final BrowserContext context;
    private final Page page;
    private final String baseUrl;

    static {
        // CI machines have two cores and build while testing: give pushed changes time to arrive
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    public BrowserSession(String baseUrl) {
        this(baseUrl, Browsers.chromium());
    }

    /** A session in a given browser (benchmarks spread sessions over several browser processes). */
    public BrowserSession(String baseUrl, com.microsoft.playwright.Browser browser) {
        this.baseUrl = baseUrl;
        this.context = browser.newContext();
        this.context.setDefaultTimeout(15_000);
        this.page = context.newPage();
    }

    public Page page() {
        return page;
    }

    public void open(String path) {
        page.navigate(baseUrl + path);
    }

    public void signIn(String user, String password) {
        open("/login");
        page.locator("input[name='username']").fill(user);
        page.locator("input[name='password']").fill(password);
        page.locator("input[name='password']").press("Enter");
    }

    /**
     * Signs in by posting the login form's fields straight to {@code /login}, without rendering the login page
     * (SignInIT covers that page): the session cookie lands in this browser's cookie jar. For tests about what a
     * signed-in user sees, where each page load counts.
     */
    public void signInDirectly(String user, String password) {
        // the login page's CSRF token (the form sends it from this meta tag), with this context's session cookie
        String page = context.request().get(baseUrl + "/login").text();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("the login page has no CSRF token");
        }
        APIResponse response = context.request().post(baseUrl + "/login", RequestOptions.create()
                .setForm(FormData.create().set("username", user).set("password", password).set("_csrf", csrf.group(1)))
                .setMaxRedirects(0));
        String location = response.headers().getOrDefault("location", "");
        if (response.status() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in of " + user + " failed: " + response.status() + " " + location);
        }
    }

    /** Signs in, lands on the project's overview (the start page), and opens its runs. */
    public void signInToRuns(String user, String password) {
        signIn(user, password);
        assertThat(page).hasURL(java.util.regex.Pattern.compile("/projects/[a-z0-9-]+$"));
        page.navigate(page.url() + "/runs");
        assertThat(page.locator("#runs-grid")).isVisible();
    }

    @Override
    public void close() {
        context.close();
    }
}

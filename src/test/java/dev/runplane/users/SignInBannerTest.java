package dev.runplane.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** What the start-up banner says: always where to go, and how to sign in for each way the password came about. */
class SignInBannerTest {

    @Test
    void aGeneratedPasswordIsShownOnceWithHowToChooseOne() {
        String text = SignInBanner.text("http://localhost:8080/", new BootstrapAdmin.Generated("admin", "s3cret"));

        assertThat(text).contains("Runplane is ready: http://localhost:8080/\n",
                "Sign in as 'admin' with password: s3cret", "Set RUNPLANE_ADMIN_PASSWORD");
    }

    @Test
    void aPasswordFromTheSettingIsNamedButNeverShown() {
        String text = SignInBanner.text("http://localhost:8080/", new BootstrapAdmin.FromSetting("root"));

        assertThat(text).contains("Runplane is ready: http://localhost:8080/\n",
                "Sign in as 'root' with the password set in RUNPLANE_ADMIN_PASSWORD");
    }

    @Test
    void anExistingAdministratorIsToldWhereTheirPasswordCameFrom() {
        String text = SignInBanner.text("http://localhost:8080/", new BootstrapAdmin.Existing("admin"));

        assertThat(text).contains("Sign in as 'admin' with the password printed at the first start",
                "set RUNPLANE_ADMIN_PASSWORD to choose a new one");
    }

    @Test
    void theUrlIsTheBoundPortWithTheContextPathAndScheme() {
        assertThat(url(new MockEnvironment().withProperty("local.server.port", "41234")
                .withProperty("server.port", "0"))).isEqualTo("http://localhost:41234/");
        assertThat(url(new MockEnvironment())).isEqualTo("http://localhost:8080/");
        assertThat(url(new MockEnvironment().withProperty("local.server.port", "9443")
                .withProperty("server.ssl.bundle", "web").withProperty("server.address", "10.0.0.5")
                .withProperty("server.servlet.context-path", "/runplane/")))
                .isEqualTo("https://10.0.0.5:9443/runplane/");
        assertThat(url(new MockEnvironment().withProperty("server.address", "0.0.0.0")))
                .isEqualTo("http://localhost:8080/");
    }

    private static String url(MockEnvironment environment) {
        return new SignInBanner(null, environment).url();
    }
}

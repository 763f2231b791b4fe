package dev.runplane.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium for the whole test JVM, driven by Playwright. Uses the system Chromium
 * ({@code /usr/bin/chromium}, or {@code RUNPLANE_TEST_CHROMIUM}); Playwright never downloads a browser here.
 */
public final class Browsers {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static Browser browser;

    private Browsers() {
    }

    public static synchronized Browser chromium() {
        if (browser == null) {
            browser = launch();
        }
        return browser;
    }

    /** Another Chromium process of its own, closed when the JVM exits (benchmarks that spread sessions). */
    public static Browser launch() {
        Path executable = findChromium();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser launched = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launched.close();
            playwright.close();
        }));
        return launched;
    }

    private static Path findChromium() {
        String configured = System.getenv("RUNPLANE_TEST_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("""
                        Browser tests need Chromium and none was found (looked at %s).
                        Install it with:  sudo apt-get install -y chromium
                        or point RUNPLANE_TEST_CHROMIUM at a Chromium/Chrome executable.""".formatted(CANDIDATES)));
    }
}

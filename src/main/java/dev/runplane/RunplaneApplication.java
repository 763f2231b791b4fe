package dev.runplane;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import dev.runplane.cli.RunplaneCli;
import dev.runplane.startup.StartupTimeline;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runplane: one executable for the portal, the REST API and the reconciler. Push is on for the whole app shell so
 * that every view can be updated from the server (DESIGN.md, "UI updates").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
public class RunplaneApplication implements AppShellConfigurator {

    /**
     * {@code java -jar runplane.jar ps} is the CLI and {@code java -jar runplane.jar [--key=value…]} the server. The
     * CLI path returns before any Spring class is touched, so a command starts in a fraction of a second.
     */
    public static void main(String[] args) {
        if (RunplaneCli.isCommand(args)) {
            System.exit(RunplaneCli.run(args));
        }
        startServer(args);
    }

    private static void startServer(String[] args) {
        SpringApplication application = new SpringApplication(RunplaneApplication.class);
        StartupTimeline.attachIfAsked(application);
        application.run(args);
    }

    /** The tab icon (browsers still ask for /favicon.ico too; it is served beside it). */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "favicon.svg", "any");
    }

    /** The only source of "now" for domain and reconciler code, so that tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

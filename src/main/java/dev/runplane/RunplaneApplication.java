package dev.runplane;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
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

    public static void main(String[] args) {
        SpringApplication.run(RunplaneApplication.class, args);
    }

    /** The only source of "now" for domain and reconciler code, so that tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

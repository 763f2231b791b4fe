package dev.runplane.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the test MariaDB. Every integration test uses exactly this
 * annotation so that they all share one Spring context (these machines have two cores).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "runplane.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
        "vaadin.launch-browser=false",
        // no GPU here: GpuStatsIT puts a stand-in nvidia-smi at this path while it runs (absent otherwise)
        "runplane.metrics.nvidia-smi=${runplane.data-dir}/test-bin/nvidia-smi",
        // the services endpoint on a free port: several test runs share this machine
        "runplane.services.port=0"
})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface IntegrationTest {
    String ADMIN = "admin";
    String ADMIN_PASSWORD = "it-admin-password-1";
}

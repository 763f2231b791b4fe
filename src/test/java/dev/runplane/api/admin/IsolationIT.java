package dev.runplane.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The isolation matrix over REST: each role of project A × each run operation × A's own run and project B's run.
 * Own project: VIEWER is refused (403, state unchanged, audited as denied), the other roles succeed. Foreign
 * project: every call answers 404, exactly as for a project that does not exist, and nothing changes.
 */
@IntegrationTest
class IsolationIT {
    static final String A = "iso-a";
    static final String B = "iso-b";
    static final String SPEC = "type: service\nname: %s\ncommands: [\"sleep 600\"]\nreplicas: 0\n";

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    /** One token per role in A, plus B's admin; made once (the context is shared by every IT). */
    private static final Map<Role, String> TOKEN = new EnumMap<>(Role.class);
    private static String adminToken;
    private static String bAdminToken;

    @BeforeEach
    void setUp() {
        if (adminToken != null) {
            return;
        }
        adminToken = tokens.create(IntegrationTest.ADMIN, "isolation", null).secret();
        projects.createProject(A, "Isolation A");
        projects.createProject(B, "Isolation B");
        for (Role role : Role.values()) {
            String name = user(role);
            users.createLocalUser(name, "password-" + name, false);
            projects.putMember(A, name, role);
            TOKEN.put(role, tokens.create(name, "isolation", null).secret());
        }
        users.createLocalUser("iso-b-admin", "password-iso-b-admin", false);
        projects.putMember(B, "iso-b-admin", Role.ADMIN);
        bAdminToken = tokens.create("iso-b-admin", "isolation", null).secret();
        created(api(adminToken).post(runs(A), "application/yaml", SPEC.formatted("target")));
        created(api(adminToken).post(runs(B), "application/yaml", SPEC.formatted("secret")));
    }

    private static String user(Role role) {
        return "iso-a-" + role.name().toLowerCase(Locale.ROOT);
    }

    private ApiClient api(String token) {
        return new ApiClient("http://localhost:" + port, token);
    }

    private static String runs(String project) {
        return "/api/v1/projects/" + project + "/runs";
    }

    private static void created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private record RunState(long version, int desired, String stop) {
    }

    private RunState state(String project, String run) {
        return jdbc.sql("""
                        SELECT r.version, r.desired_replicas, r.stop_request FROM run r JOIN project p
                        ON p.id = r.project_id WHERE p.name = ? AND r.name = ?""")
                .params(project, run)
                .query((rs, i) -> new RunState(rs.getLong(1), rs.getInt(2), rs.getString(3))).single();
    }

    private int denials(String username, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM run_event WHERE actor = ? AND action = ?").params(username, action)
                .query(Integer.class).single();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleCanReadItsOwnProject(Role role) {
        ApiClient api = api(TOKEN.get(role));
        assertThat(api.get(runs(A)).status()).isEqualTo(200);
        assertThat(api.get(runs(A) + "/target").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + A + "/events").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + A + "/members").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects").json().get("projects").toString())
                .contains("\"" + A + "\"").doesNotContain(B);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyOperationOnAForeignProjectAnswers404AndChangesNothing(Role role) {
        ApiClient api = api(TOKEN.get(role));
        RunState before = state(B, "secret");
        String run = runs(B) + "/secret";
        Map<String, ApiClient.Response> calls = new java.util.LinkedHashMap<>();
        calls.put("list", api.get(runs(B)));
        calls.put("get", api.get(run));
        calls.put("logs", api.get(run + "/logs/download"));
        calls.put("stats", api.get(run + "/stats"));
        calls.put("cost", api.get(run + "/cost"));
        calls.put("events", api.get("/api/v1/projects/" + B + "/events"));
        calls.put("members", api.get("/api/v1/projects/" + B + "/members"));
        calls.put("audit", api.get("/api/v1/audit?project=" + B));
        calls.put("create", api.post(runs(B), "application/yaml", SPEC.formatted("intruder")));
        calls.put("scale", api.postJson(run + "/scale", "{\"replicas\": 3}"));
        calls.put("stop", api.postJson(run + "/stop", "{}"));
        calls.put("abort", api.postJson(run + "/stop", "{\"abort\": true}"));
        calls.put("restart", api.postJson(run + "/replicas/0/restart", "{}"));
        calls.put("delete", api.delete(run));
        calls.put("add member", api.put("/api/v1/projects/" + B + "/members",
                "{\"username\": \"" + user(role) + "\", \"role\": \"ADMIN\"}"));
        calls.put("remove member", api.delete("/api/v1/projects/" + B + "/members/iso-b-admin"));
        calls.forEach((what, response) -> assertThat(response.status()).as(what + ": " + response.body())
                .isEqualTo(404));
        assertThat(state(B, "secret")).isEqualTo(before);
        assertThat(api(bAdminToken).get(runs(B) + "/intruder").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/audit").body()).doesNotContain("\"project\":\"" + B + "\"");
    }

    @Test
    void aViewerIsRefusedEveryChangeWith403AndTheRefusalIsAudited() {
        ApiClient viewer = api(TOKEN.get(Role.VIEWER));
        RunState before = state(A, "target");
        String run = runs(A) + "/target";
        assertThat(viewer.post(runs(A), "application/yaml", SPEC.formatted("by-viewer")).status()).isEqualTo(403);
        assertThat(viewer.postJson(run + "/scale", "{\"replicas\": 2}").status()).isEqualTo(403);
        assertThat(viewer.postJson(run + "/stop", "{}").status()).isEqualTo(403);
        assertThat(viewer.postJson(run + "/stop", "{\"abort\": true}").status()).isEqualTo(403);
        assertThat(viewer.postJson(run + "/replicas/0/restart", "{}").status()).isEqualTo(403);
        assertThat(viewer.delete(run).status()).isEqualTo(403);
        assertThat(viewer.put("/api/v1/projects/" + A + "/members",
                "{\"username\": \"iso-a-viewer\", \"role\": \"ADMIN\"}").status()).isEqualTo(403);

        assertThat(state(A, "target")).isEqualTo(before);
        assertThat(viewer.get(runs(A) + "/by-viewer").status()).isEqualTo(404);
        for (String action : new String[] {"DENIED_CREATE", "DENIED_SCALE", "DENIED_STOP", "DENIED_ABORT",
                "DENIED_RESTART", "DENIED_DELETE", "DENIED_MEMBERS"}) {
            assertThat(denials("iso-a-viewer", action)).as(action).isGreaterThanOrEqualTo(1);
        }
        String audit = api(adminToken).get("/api/v1/audit?user=iso-a-viewer&action=DENIED").body();
        assertThat(audit).contains("DENIED_SCALE").contains("\"source\":\"api\"");
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MANAGER", "USER"})
    void membersWhoMayOperateCreateScaleStopAndDeleteRunsInTheirProject(Role role) {
        ApiClient api = api(TOKEN.get(role));
        String name = "own-" + role.name().toLowerCase(Locale.ROOT);
        created(api.post(runs(A), "application/yaml", SPEC.formatted(name)));
        assertThat(api.postJson(runs(A) + "/" + name + "/scale", "{\"replicas\": 0}").status()).isEqualTo(200);
        assertThat(api.postJson(runs(A) + "/" + name + "/stop", "{}").status()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "TERMINATED".equals(api.get(runs(A) + "/" + name).json().get("status").asString()));
        assertThat(api.delete(runs(A) + "/" + name).status()).isEqualTo(204);
        assertThat(api.get(runs(A) + "/" + name).status()).isEqualTo(404);
    }

    @Test
    void membershipRulesHoldOverTheApi() {
        ApiClient manager = api(TOKEN.get(Role.MANAGER));
        ApiClient user = api(TOKEN.get(Role.USER));
        String members = "/api/v1/projects/" + A + "/members";
        // a manager changes members but can neither grant ADMIN nor touch an ADMIN
        assertThat(manager.put(members, "{\"username\": \"iso-b-admin\", \"role\": \"VIEWER\"}").status())
                .isEqualTo(200);
        assertThat(manager.put(members, "{\"username\": \"iso-a-manager\", \"role\": \"ADMIN\"}").status())
                .isEqualTo(403);
        assertThat(manager.delete(members + "/iso-a-admin").status()).isEqualTo(403);
        assertThat(manager.delete(members + "/iso-b-admin").status()).isEqualTo(204);
        assertThat(user.put(members, "{\"username\": \"iso-b-admin\", \"role\": \"VIEWER\"}").status())
                .isEqualTo(403);
        // the last admin stays, whoever asks
        ApiClient admin = api(adminToken);
        ApiClient.Response demote = admin.put(members, "{\"username\": \"iso-a-admin\", \"role\": \"USER\"}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.body()).contains("last admin");
        assertThat(admin.delete(members + "/iso-a-admin").status()).isEqualTo(409);
        assertThat(admin.put(members, "{\"username\": \"iso-a-admin\", \"role\": \"OWNER\"}").status())
                .isEqualTo(400);
        // only global administrators manage users and create projects
        assertThat(manager.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(manager.postJson("/api/v1/users", "{\"username\": \"x-user\"}").status()).isEqualTo(403);
        assertThat(manager.postJson("/api/v1/projects", "{\"name\": \"x-project\"}").status()).isEqualTo(403);
        // membership changes are in the audit log, with before and after
        String audit = admin.get("/api/v1/audit?project=" + A + "&action=MEMBER_REMOVED").body();
        assertThat(audit).contains("member=iso-b-admin role=VIEWER").contains("\"actor\":\"iso-a-manager\"");
    }

    @Test
    void globalAdminsCreateUsersAndProjectsOverTheApi() {
        ApiClient admin = api(adminToken);
        ApiClient.Response user = admin.postJson("/api/v1/users",
                "{\"username\": \"iso-new\", \"password\": \"a-long-password-1\", \"globalAdmin\": false}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        assertThat(user.body()).doesNotContain("password-").doesNotContain("$2a$");
        assertThat(admin.postJson("/api/v1/users", "{\"username\": \"iso-new\"}").status()).isEqualTo(409);
        assertThat(admin.postJson("/api/v1/users", "{\"username\": \"../etc\"}").status()).isEqualTo(400);
        ApiClient.Response project = admin.postJson("/api/v1/projects",
                "{\"name\": \"iso-new-project\", \"admin\": \"iso-new\"}");
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        assertThat(admin.postJson("/api/v1/projects", "{\"name\": \"iso-new-project\"}").status()).isEqualTo(409);
        assertThat(admin.postJson("/api/v1/projects", "{\"name\": \"Bad Name\"}").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/projects/iso-new-project/members").body())
                .contains("\"username\":\"iso-new\"").contains("\"role\":\"ADMIN\"");
        assertThat(admin.get("/api/v1/users").body()).contains("iso-new").doesNotContain("passwordHash");
        assertThat(admin.get("/api/v1/audit?action=USER_CREATED&limit=500").body()).contains("user=iso-new");
    }

    @Test
    void theAuditApiPagesWithACursorAndRejectsBadFilters() {
        ApiClient admin = api(adminToken);
        ApiClient.Response first = admin.get("/api/v1/audit?limit=1");
        assertThat(first.status()).isEqualTo(200);
        String next = first.json().get("next").asString();
        ApiClient.Response second = admin.get("/api/v1/audit?limit=1&cursor=" + next);
        assertThat(second.json().get("events").get(0).get("id").asLong())
                .isLessThan(first.json().get("events").get(0).get("id").asLong());
        assertThat(admin.get("/api/v1/audit?cursor=garbage!").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/audit?from=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/audit?user=%27%20OR%201%3D1--").json().get("events")).isEmpty();
        assertThat(api(null).get("/api/v1/audit").status()).isEqualTo(401);
    }
}

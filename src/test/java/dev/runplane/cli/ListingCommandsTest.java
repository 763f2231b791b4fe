package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The human output of ps, get, stats, cost and events, read from canned API answers. */
class ListingCommandsTest {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @TempDir
    Path home;

    @Test
    void psShowsUnfinishedRunsFromEveryPageAndAllOfThemWithA() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.on("GET " + RUNS, (request, exchange) -> FakeRunplane.send(exchange, 200, "application/json",
                    request.query().contains("cursor=p2") ? """
                            {"runs":[{"name":"old","type":"task","status":"DONE","desiredReplicas":1,
                              "runningReplicas":0,"stopRequest":"NONE","submittedBy":"bob",
                              "submittedAt":"2026-10-30T12:00:00Z"}]}"""
                            : """
                            {"runs":[{"name":"web","type":"service","status":"RUNNING","desiredReplicas":2,
                              "runningReplicas":1,"stopRequest":"NONE","submittedBy":"alice",
                              "submittedAt":"2026-11-01T11:55:00Z"}],"next":"p2"}"""));
            CliRunner cli = new CliRunner(home).server(server);

            CliRunner.Result unfinished = cli.run("ps");
            CliRunner.Result all = cli.run("ps", "-a");

            assertThat(unfinished.out()).isEqualTo("""
                    NAME  TYPE     STATUS   REPLICAS  AGE  SUBMITTED BY
                    web   service  RUNNING  1/2       5m   alice
                    """);
            assertThat(all.out()).contains("web ", "old   task     DONE     0/1       2d   bob");
        }
    }

    @Test
    void getShowsCurrentReplicasApartFromHistory() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUNS + "/web", 200, """
                    {"project":"default","name":"web","type":"service","status":"RUNNING","version":5,
                     "desiredReplicas":1,"runningReplicas":1,"stopRequest":"NONE","submittedBy":"alice",
                     "submittedAt":"2026-11-01T11:00:00.123Z",
                     "replicas":[{"replicaNum":0,"submissionNum":0,"status":"RUNNING",
                                  "startedAt":"2026-11-01T11:00:01Z","pricePerHour":"0.05",
                                  "host":"node2","backendId":"4711"}],
                     "history":[{"replicaNum":1,"submissionNum":0,"status":"TERMINATED",
                                 "terminationReason":"SCALED_DOWN","finishedAt":"2026-11-01T11:30:00Z"}]}""");

            CliRunner.Result result = new CliRunner(home).server(server).run("get", "web");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(server.requests().getFirst().query()).isEqualTo("history=true");
            assertThat(result.out()).contains(
                    "status     RUNNING\n",
                    "replicas   1 running of 1 desired\n",
                    "submitted  2026-11-01T11:00:00Z by alice (59m ago)\n",
                    """
                    CURRENT REPLICAS
                    REPLICA  SUBMISSION  STATUS   STARTED               PRICE/H  HOST   BACKEND-ID  MESSAGE
                    0        0           RUNNING  2026-11-01T11:00:01Z  0.05     node2  4711        -
                    """,
                    """
                    HISTORY
                    REPLICA  SUBMISSION  STATUS      REASON       EXIT  FINISHED              MESSAGE
                    1        0           TERMINATED  SCALED_DOWN  -     2026-11-01T11:30:00Z  -
                    """);
        }
    }

    @Test
    void getSaysWhereAServiceReplicaListensAndWhetherItIsReady() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUNS + "/web", 200, """
                    {"project":"default","name":"web","type":"service","status":"RUNNING","version":5,
                     "desiredReplicas":2,"runningReplicas":2,"stopRequest":"NONE","submittedBy":"alice",
                     "submittedAt":"2026-11-01T11:00:00.123Z",
                     "replicas":[{"replicaNum":0,"submissionNum":0,"status":"RUNNING","endpoint":"127.0.0.1:20001",
                                  "ready":true},
                                 {"replicaNum":1,"submissionNum":0,"status":"RUNNING","endpoint":"127.0.0.1:20002",
                                  "ready":false,"probeFailure":"http probe: GET /ready answered 503"}],
                     "history":[]}""");

            CliRunner.Result result = new CliRunner(home).server(server).run("get", "web");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("ready at 127.0.0.1:20001\n",
                    "not ready (http probe: GET /ready answered 503) at 127.0.0.1:20002\n");
        }
    }

    @Test
    void jsonPrintsTheApisAnswerForScripts() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUNS + "/web/stats", 200, """
                    {"replicas":[{"replicaNum":0,"submissionNum":2,"latest":null,"series":[]}]}""");

            CliRunner.Result result = new CliRunner(home).server(server).run("stats", "web", "--json");

            assertThat(Json.parse(result.out())).isEqualTo(Json.parse("""
                    {"replicas":[{"replicaNum":0,"submissionNum":2,"latest":null,"series":[]}]}"""));
            assertThat(server.requests().getFirst().query()).isEqualTo("window=15m");
        }
    }

    @Test
    void statsShowTheLatestSampleOfEachCurrentReplica() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET " + RUNS + "/web/stats", 200, """
                    {"replicas":[
                      {"replicaNum":0,"submissionNum":0,"latest":{"time":"2026-11-01T11:59:57Z","cpuPercent":12.345,
                        "memoryBytes":52428800,"gpuUtilPercent":null,"gpuMemoryBytes":null},"series":[]},
                      {"replicaNum":1,"submissionNum":1,"latest":null,"series":[]}]}""");

            CliRunner.Result result = new CliRunner(home).server(server).run("stats", "web");

            assertThat(result.out()).isEqualTo("""
                    REPLICA  SUBMISSION  CPU    MEMORY    GPU  GPU MEMORY  SAMPLED
                    0        0           12.3%  50.0 MiB  -    -           3s ago
                    1        1           -      -         -    -           not yet
                    """);
        }
    }

    @Test
    void eventsShowWhoChangedWhatFromWhere() throws Exception {
        try (FakeRunplane server = new FakeRunplane()) {
            server.json("GET /api/v1/projects/default/events", 200, """
                    {"events":[{"id":2,"time":"2026-11-01T11:59:00.5Z","actor":"alice","source":"cli","run":"web",
                      "action":"SCALED","before":"replicas=1","after":"replicas=2"}]}""");

            CliRunner.Result result = new CliRunner(home).server(server).run("events", "web");

            assertThat(server.requests().getFirst().query()).isEqualTo("limit=50&run=web");
            assertThat(result.out()).isEqualTo("""
                    TIME                  ACTOR  SOURCE  RUN  ACTION  CHANGE                   MESSAGE
                    2026-11-01T11:59:00Z  alice  cli     web  SCALED  replicas=1 → replicas=2  -
                    """);
        }
    }
}

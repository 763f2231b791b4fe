package dev.runplane.api.runs;

import dev.runplane.api.ApiActors;
import dev.runplane.api.BodyReader;
import dev.runplane.runs.EventQueries;
import dev.runplane.runs.Run;
import dev.runplane.runs.RunDetails;
import dev.runplane.runs.RunService;
import dev.runplane.runs.RunStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs over REST, addressed as {@code /projects/{project}/runs/{run}} — the same names the UI routes and the CLI
 * use. Every operation calls the one {@link RunService} method the UI calls too.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class RunController {
    private final RunService runService;
    private final RunDetails runDetails;
    private final EventQueries eventQueries;

    RunController(RunService runService, RunDetails runDetails, EventQueries eventQueries) {
        this.runService = runService;
        this.runDetails = runDetails;
        this.eventQueries = eventQueries;
    }

    /** Accepts YAML or JSON (JSON is valid YAML), whatever the content type says. */
    @PostMapping("/runs")
    ResponseEntity<RunJson.RunBody> create(@PathVariable String project, Principal principal,
                                           HttpServletRequest request) throws IOException {
        String spec = BodyReader.read(request, BodyReader.MAX_SPEC_BYTES);
        Run run = runService.create(ApiActors.of(principal, request), project, spec);
        RunJson.RunBody body = RunJson.detail(runDetails.detail(principal.getName(), project, run.name()), false);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + project + "/runs/" + run.name())).body(body);
    }

    @GetMapping("/runs")
    RunJson.RunListBody list(@PathVariable String project, @RequestParam(required = false) String status,
                             @RequestParam(defaultValue = "50") int limit,
                             @RequestParam(required = false) String cursor, Principal principal) {
        RunDetails.RunPage page = runDetails.page(principal.getName(), project, parseStatus(status), limit, cursor);
        return new RunJson.RunListBody(page.runs().stream().map(RunJson::summary).toList(), page.next());
    }

    @GetMapping("/runs/{run}")
    RunJson.RunBody get(@PathVariable String project, @PathVariable String run,
                        @RequestParam(defaultValue = "false") boolean history, Principal principal) {
        return RunJson.detail(runDetails.detail(principal.getName(), project, run), history);
    }

    @PostMapping("/runs/{run}/scale")
    RunJson.RunBody scale(@PathVariable String project, @PathVariable String run,
                          @RequestBody RunJson.ScaleBody body, Principal principal, HttpServletRequest request) {
        if (body == null || body.replicas() == null) {
            throw new IllegalArgumentException("body must be {\"replicas\": N} with an optional \"expectedVersion\"");
        }
        runService.scale(ApiActors.of(principal, request), project, run, body.replicas(), body.expectedVersion());
        return RunJson.detail(runDetails.detail(principal.getName(), project, run), false);
    }

    @PostMapping("/runs/{run}/stop")
    ResponseEntity<RunJson.RunBody> stop(@PathVariable String project, @PathVariable String run,
                                         @RequestBody(required = false) RunJson.StopBody body, Principal principal,
                                         HttpServletRequest request) {
        boolean abort = body != null && Boolean.TRUE.equals(body.abort());
        runService.stop(ApiActors.of(principal, request), project, run, abort);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(RunJson.detail(runDetails.detail(principal.getName(), project, run), false));
    }

    @PostMapping("/runs/{run}/replicas/{replicaNum}/restart")
    ResponseEntity<Void> restart(@PathVariable String project, @PathVariable String run,
                                 @PathVariable int replicaNum, Principal principal, HttpServletRequest request) {
        runService.restartReplica(ApiActors.of(principal, request), project, run, replicaNum);
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/runs/{run}")
    ResponseEntity<Void> delete(@PathVariable String project, @PathVariable String run, Principal principal,
                                HttpServletRequest request) {
        runService.delete(ApiActors.of(principal, request), project, run);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/events")
    RunJson.EventListBody events(@PathVariable String project, @RequestParam(required = false) String run,
                                 @RequestParam(defaultValue = "50") int limit,
                                 @RequestParam(required = false) String cursor, Principal principal) {
        EventQueries.EventPage page = eventQueries.page(principal.getName(), project, run, limit, cursor);
        return new RunJson.EventListBody(page.events().stream().map(RunJson::event).toList(), page.next());
    }

    private static RunStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return RunStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of " + java.util.Arrays.toString(RunStatus.values()));
        }
    }
}

package dev.runplane.api.stats;

import dev.runplane.metrics.StatsQueries;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resource stats of a run's current replicas, addressed like every run operation as
 * {@code /projects/{project}/runs/{run}}. An unknown or foreign run is a 404, an invalid window a 400.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/runs/{run}")
class StatsController {
    private final StatsQueries stats;

    StatsController(StatsQueries stats) {
        this.stats = stats;
    }

    @GetMapping("/stats")
    StatsJson.StatsBody stats(@PathVariable String project, @PathVariable String run,
                              @RequestParam(defaultValue = "15m") String window, Principal principal) {
        return StatsJson.of(stats.stats(principal.getName(), project, run, StatsWindow.parse(window)));
    }
}

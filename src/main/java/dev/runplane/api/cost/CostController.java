package dev.runplane.api.cost;

import dev.runplane.billing.CostQueries;
import dev.runplane.billing.CostQueries.ProjectSpend;
import dev.runplane.billing.CostQueries.RunCost;
import dev.runplane.billing.Money;
import dev.runplane.runs.RunDetails;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cost of a run and spend of a project. Money is always a decimal string. */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class CostController {
    private final CostQueries costs;
    private final RunDetails runs;

    CostController(CostQueries costs, RunDetails runs) {
        this.costs = costs;
        this.runs = runs;
    }

    record SubmissionBody(int replicaNum, int submissionNum, String pricePerHour, String startedAt, String finishedAt,
                          String cost) {
    }

    record RunCostBody(String currency, String total, String burnRatePerHour, List<SubmissionBody> submissions) {
    }

    record DayBody(String day, String run, String cost) {
    }

    record ProjectSpendBody(String currency, String from, String to, String total, List<DayBody> days) {
    }

    @GetMapping("/runs/{run}/cost")
    RunCostBody runCost(@PathVariable String project, @PathVariable String run, Principal principal) {
        long runId = runs.summary(principal.getName(), project, run).id();
        RunCost cost = costs.ofRun(runId);
        return new RunCostBody(cost.currency(), Money.format(cost.total()), Money.format(cost.burnRatePerHour()),
                cost.submissions().stream().map(s -> new SubmissionBody(s.replicaNum(), s.submissionNum(),
                        Money.format(s.pricePerHour()), s.startedAt().toString(),
                        s.finishedAt() == null ? null : s.finishedAt().toString(), Money.format(s.cost()))).toList());
    }

    @GetMapping("/cost")
    ResponseEntity<?> projectCost(@PathVariable String project, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(defaultValue = "json") String format, Principal principal) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(30, ChronoUnit.DAYS) : instant("from", from);
        ProjectSpend spend = costs.ofProject(principal.getName(), project, start, end);
        if ("csv".equalsIgnoreCase(format)) {
            StringBuilder csv = new StringBuilder("day,run,cost,currency\n");
            spend.days().forEach(d -> csv.append(d.day()).append(',').append(d.run()).append(',')
                    .append(Money.format(d.cost())).append(',').append(spend.currency()).append('\n'));
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + project + "-cost.csv\"")
                    .contentType(new MediaType("text", "csv"))
                    .body(csv.toString());
        }
        if (!"json".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("format must be json or csv");
        }
        return ResponseEntity.ok(new ProjectSpendBody(spend.currency(), spend.from().toString(), spend.to().toString(),
                Money.format(spend.total()), spend.days().stream()
                .map(d -> new DayBody(d.day().toString(), d.run(), Money.format(d.cost()))).toList()));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 UTC time like 2026-11-01T00:00:00Z");
        }
    }
}

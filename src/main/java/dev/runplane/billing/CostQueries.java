package dev.runplane.billing;

import dev.runplane.projects.ProjectAccess;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cost read models, computed from the usage ledger on the server (DESIGN.md, rule 6). An open interval is priced
 * up to now; the burn rate is the sum of prices of the intervals open now.
 */
@Component
public class CostQueries {
    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final PriceCatalogue prices;
    private final Clock clock;

    CostQueries(JdbcClient jdbc, ProjectAccess access, PriceCatalogue prices, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.prices = prices;
        this.clock = clock;
    }

    public record SubmissionCost(int replicaNum, int submissionNum, BigDecimal pricePerHour, Instant startedAt,
                                 Instant finishedAt, BigDecimal cost) {
    }

    public record RunCost(String currency, BigDecimal total, BigDecimal burnRatePerHour,
                          List<SubmissionCost> submissions) {
    }

    public record DailySpend(LocalDate day, String run, BigDecimal cost) {
    }

    public record ProjectSpend(String currency, Instant from, Instant to, BigDecimal total, List<DailySpend> days) {
    }

    private record Interval(String run, int replicaNum, int submissionNum, Instant start, Instant end,
                            BigDecimal price, BigDecimal storedCost) {
    }

    /** The currency every amount here is in. */
    public String currency() {
        return prices.currency();
    }

    /** What a project's running replicas cost per hour now: the prices of its open intervals. */
    @Transactional(readOnly = true)
    public BigDecimal burnRateOfProject(String reader, String project) {
        long projectId = access.requireRead(reader, project);
        return jdbc.sql("SELECT COALESCE(SUM(price_per_hour), 0) FROM usage_interval "
                        + "WHERE project_id = ? AND ended_at IS NULL")
                .param(projectId).query(BigDecimal.class).single();
    }

    /** Total so far and burn rate of one run, for list rows. */
    public record CostSummary(BigDecimal total, BigDecimal burnRatePerHour) {
        public static final CostSummary NONE = new CostSummary(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Cost summaries of several runs at once (one query), for a page of the runs list. */
    @Transactional(readOnly = true)
    public Map<Long, CostSummary> summaries(List<Long> runIds) {
        Map<Long, CostSummary> result = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return result;
        }
        Instant now = clock.instant();
        jdbc.sql("SELECT run_id, started_at, ended_at, price_per_hour, cost FROM usage_interval WHERE run_id IN (:ids)")
                .param("ids", runIds)
                .query(rs -> {
                    long runId = rs.getLong("run_id");
                    BigDecimal price = rs.getBigDecimal("price_per_hour");
                    BigDecimal stored = rs.getBigDecimal("cost");
                    boolean open = rs.getTimestamp("ended_at") == null;
                    BigDecimal cost = stored != null ? stored
                            : Money.cost(price, rs.getTimestamp("started_at").toInstant(), now);
                    CostSummary before = result.getOrDefault(runId, CostSummary.NONE);
                    result.put(runId, new CostSummary(before.total().add(cost),
                            open ? before.burnRatePerHour().add(price) : before.burnRatePerHour()));
                });
        return result;
    }

    /** Cost of one run; callers have checked read access to the run (it is addressed by id). */
    @Transactional(readOnly = true)
    public RunCost ofRun(long runId) {
        Instant now = clock.instant();
        List<Interval> intervals = intervals("run_id = ?", List.of(runId));
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal burn = BigDecimal.ZERO;
        List<SubmissionCost> submissions = new ArrayList<>();
        for (Interval interval : intervals) {
            BigDecimal cost = interval.storedCost() != null ? interval.storedCost()
                    : Money.cost(interval.price(), interval.start(), now);
            if (interval.end() == null) {
                burn = burn.add(interval.price());
            }
            total = total.add(cost);
            submissions.add(new SubmissionCost(interval.replicaNum(), interval.submissionNum(), interval.price(),
                    interval.start(), interval.end(), cost));
        }
        return new RunCost(prices.currency(), total, burn, submissions);
    }

    /** Spend per run and per UTC day between {@code from} and {@code to}, splitting intervals at day boundaries. */
    @Transactional(readOnly = true)
    public ProjectSpend ofProject(String reader, String project, Instant from, Instant to) {
        return ofProject(reader, project, from, to, ZoneOffset.UTC);
    }

    /** The same, with days as they run in {@code zone} (the portal uses the browser's time zone). */
    @Transactional(readOnly = true)
    public ProjectSpend ofProject(String reader, String project, Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        long projectId = access.requireRead(reader, project);
        Instant now = clock.instant();
        Instant until = to.isAfter(now) ? now : to;
        List<Interval> intervals = intervals("project_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)",
                List.of(projectId, Timestamp.from(to), Timestamp.from(from)));
        Map<String, BigDecimal> byDayAndRun = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Interval interval : intervals) {
            Instant start = interval.start().isBefore(from) ? from : interval.start();
            Instant end = interval.end() == null || interval.end().isAfter(until) ? until : interval.end();
            while (start.isBefore(end)) {
                LocalDate day = start.atZone(zone).toLocalDate();
                Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
                Instant sliceEnd = dayEnd.isBefore(end) ? dayEnd : end;
                BigDecimal cost = Money.cost(interval.price(), start, sliceEnd);
                byDayAndRun.merge(day + "\u0000" + interval.run(), cost, BigDecimal::add);
                total = total.add(cost);
                start = sliceEnd;
            }
        }
        List<DailySpend> days = new ArrayList<>();
        byDayAndRun.forEach((key, cost) -> {
            String[] parts = key.split("\u0000", 2);
            days.add(new DailySpend(LocalDate.parse(parts[0]), parts[1], cost));
        });
        return new ProjectSpend(prices.currency(), from, to, total, days);
    }

    private List<Interval> intervals(String where, List<Object> params) {
        return jdbc.sql("SELECT run_name, replica_num, submission_num, started_at, ended_at, price_per_hour, cost "
                        + "FROM usage_interval WHERE " + where + " ORDER BY started_at, id")
                .params(params)
                .query((rs, i) -> {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    return new Interval(rs.getString("run_name"), rs.getInt("replica_num"),
                            rs.getInt("submission_num"), rs.getTimestamp("started_at").toInstant(),
                            ended == null ? null : ended.toInstant(), rs.getBigDecimal("price_per_hour"),
                            rs.getBigDecimal("cost"));
                })
                .list();
    }
}

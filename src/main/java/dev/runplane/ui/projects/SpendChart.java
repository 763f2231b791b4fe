package dev.runplane.ui.projects;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import dev.runplane.base.Formats;
import dev.runplane.billing.CostQueries;
import dev.runplane.billing.CostQueries.DailySpend;
import dev.runplane.billing.CostQueries.ProjectSpend;
import dev.runplane.ui.metrics.BarChart;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** This month's spend per day as bars, with the day of month under every fifth bar. */
final class SpendChart extends Composite<Div> {
    private final BarChart chart = new BarChart();

    /** A month's spend per day (every day of the month so far, zero where nothing ran) and today's share. */
    record Month(LocalDate first, LocalDate currentDay, Map<LocalDate, BigDecimal> perDay, BigDecimal total) {
        static Month of(CostQueries costs, String reader, String project, Instant now, ZoneId zone) {
            LocalDate today = now.atZone(zone).toLocalDate();
            LocalDate first = today.withDayOfMonth(1);
            Instant from = first.atStartOfDay(zone).toInstant();
            Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
            ProjectSpend spend = costs.ofProject(reader, project, from, to, zone);
            Map<LocalDate, BigDecimal> perDay = new TreeMap<>();
            for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
                perDay.put(d, BigDecimal.ZERO);
            }
            for (DailySpend day : spend.days()) {
                perDay.merge(day.day(), day.cost(), BigDecimal::add);
            }
            return new Month(first, today, perDay, spend.total());
        }

        BigDecimal today() {
            return perDay.getOrDefault(currentDay, BigDecimal.ZERO);
        }
    }

    SpendChart() {
        chart.setId("overview-spend-chart");
        chart.setWidthFull();
        getContent().addClassName("spend-chart");
        getContent().add(chart);
    }

    void show(Month month, String currency) {
        String monthName = month.first().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        chart.setLabel("Cost per day, " + monthName + " " + month.first().getYear());
        List<BarChart.Bar> bars = new ArrayList<>();
        month.perDay().forEach((day, cost) -> bars.add(new BarChart.Bar(
                day.getDayOfMonth() == 1 || day.getDayOfMonth() % 5 == 0 ? Integer.toString(day.getDayOfMonth()) : "",
                cost.doubleValue(), day + ": " + Formats.money(cost, currency))));
        chart.show(bars, v -> Formats.money(BigDecimal.valueOf(v), currency));
    }
}

package dev.runplane.ui.runs;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.runplane.base.Formats;
import dev.runplane.billing.CostQueries.RunCost;
import dev.runplane.runs.RunDetails.RunDetail;
import dev.runplane.runs.RunDetails.RunSummary;
import dev.runplane.runs.StopRequest;
import dev.runplane.ui.base.Redraw;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The top of the run page: name and status, then a summary band (replicas running/desired, pending and retrying,
 * burn rate, cost, age or how long it ran) that stays above the replica table, so the numbers a reader checks
 * first never scroll away behind 50 replica rows; then who submitted it and the spec.
 */
final class RunHeader extends VerticalLayout {
    private final Clock clock;
    private final H2 name = new H2();
    private final Span status = new Span();
    private final Fact replicas = new Fact("run-replicas", "Replicas");
    private final Fact waiting = new Fact("run-waiting", "Waiting");
    private final Fact burnRate = new Fact("run-burn-rate", "Burn rate");
    private final Fact total = new Fact("run-cost", "Cost so far");
    private final Fact age = new Fact("run-age", "Age");
    private final Span submitted = new Span();
    private final Span stop = new Span();
    private final Pre spec = new Pre();

    RunHeader(Clock clock) {
        this.clock = clock;
        setPadding(false);
        setSpacing(false);
        status.setId("run-status");
        stop.setId("run-stop-request");
        spec.addClassName("run-spec");
        HorizontalLayout title = new HorizontalLayout(name, status, stop);
        title.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        Div band = new Div(replicas, waiting, burnRate, total, age);
        band.setId("run-summary");
        band.addClassName("run-summary");
        submitted.addClassName("run-facts");
        Details specDetails = new Details("Spec", spec);
        add(title, band, submitted, specDetails);
    }

    void show(RunDetail detail, RunCost cost) {
        RunSummary run = detail.run();
        Redraw.text(name, run.name());
        StatusBadge.show(status, run.status());
        boolean finished = run.status().isFinished();
        Instant now = clock.instant();
        // a finished run has nothing running or waiting and burns nothing: it says how long it ran and what it cost
        Redraw.visible(replicas, !finished);
        Redraw.visible(waiting, !finished);
        Redraw.visible(burnRate, !finished);
        replicas.show(run.runningReplicas() + " running / " + run.desiredReplicas() + " desired");
        waiting.show(ReplicaCounts.of(detail.replicas().current()).waitingText());
        burnRate.show(Formats.perHour(cost.burnRatePerHour(), cost.currency()));
        total.label(finished ? "Cost" : "Cost so far");
        total.show(Formats.money(cost.total(), cost.currency()));
        age.label(finished ? "Ran for" : "Age");
        age.show(Formats.duration(run.submittedAt(), run.finishedAt(), now));
        age.title(Formats.absolute(run.submittedAt(), ZoneOffset.UTC)
                + (run.finishedAt() == null ? "" : " – " + Formats.absolute(run.finishedAt(), ZoneOffset.UTC)));
        Redraw.text(submitted, "submitted by " + run.submittedBy() + " " + Formats.ago(run.submittedAt(), now));
        submitted.getElement().setAttribute("title", Times.format(run.submittedAt()));
        Redraw.text(stop, finished || run.stopRequest() == StopRequest.NONE ? ""
                : run.stopRequest() == StopRequest.ABORT ? "abort requested" : "stop requested");
        Redraw.text(spec, detail.specText());
    }

    /** One figure of the band: a small label over its value; the value carries the id tests and scripts read. */
    private static final class Fact extends Div {
        private final Span label = new Span();
        private final Span value = new Span();

        Fact(String id, String label) {
            addClassName("run-fact");
            this.label.addClassName("run-fact-label");
            this.label.setText(label);
            value.setId(id);
            value.addClassName("run-fact-value");
            add(this.label, value);
        }

        void label(String text) {
            Redraw.text(label, text);
        }

        void show(String text) {
            Redraw.text(value, text);
        }

        void title(String text) {
            if (!text.equals(value.getElement().getAttribute("title"))) {
                value.getElement().setAttribute("title", text);
            }
        }
    }
}

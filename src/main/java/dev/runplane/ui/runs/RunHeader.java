package dev.runplane.ui.runs;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.runplane.billing.CostQueries.RunCost;
import dev.runplane.base.Formats;
import dev.runplane.runs.RunDetails.RunDetail;
import dev.runplane.runs.RunDetails.RunSummary;
import dev.runplane.runs.StopRequest;
import dev.runplane.ui.base.Redraw;
import java.time.Instant;

/** The top of the run page: name, status, replica counts, money, who submitted it, and the spec. */
final class RunHeader extends VerticalLayout {
    private final H2 name = new H2();
    private final Span status = new Span();
    private final Span replicas = new Span();
    private final Span burnRate = new Span();
    private final Span total = new Span();
    private final Span submitted = new Span();
    private final Span stop = new Span();
    private final Pre spec = new Pre();

    RunHeader() {
        setPadding(false);
        setSpacing(false);
        status.setId("run-status");
        replicas.setId("run-replicas");
        burnRate.setId("run-burn-rate");
        total.setId("run-cost");
        spec.addClassName("run-spec");
        HorizontalLayout title = new HorizontalLayout(name, status);
        title.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        HorizontalLayout facts = new HorizontalLayout(replicas, burnRate, total, submitted, stop);
        facts.addClassName("run-facts");
        Details specDetails = new Details("Spec", spec);
        add(title, facts, specDetails);
    }

    void show(RunDetail detail, RunCost cost) {
        RunSummary run = detail.run();
        Redraw.text(name, run.name());
        StatusBadge.show(status, run.status());
        boolean finished = run.status().isFinished();
        int retrying = detail.replicas().retryingReplicas();
        Instant now = Instant.now();
        // a finished run has nothing running and burns nothing: say how long it ran and what it cost instead
        Redraw.text(replicas, finished ? "ran " + Formats.duration(run.submittedAt(), run.finishedAt(), now)
                : run.runningReplicas() + " running / " + run.desiredReplicas() + " desired"
                        + (retrying == 0 ? "" : " · " + retrying + " retrying"));
        Redraw.text(burnRate, finished ? "" : "burn rate " + Formats.perHour(cost.burnRatePerHour(), cost.currency()));
        Redraw.text(total, (finished ? "cost " : "cost so far ") + Formats.money(cost.total(), cost.currency()));
        Redraw.text(submitted, "submitted by " + run.submittedBy() + " " + Formats.ago(run.submittedAt(), now));
        submitted.getElement().setAttribute("title", Times.format(run.submittedAt()));
        Redraw.text(stop, finished || run.stopRequest() == StopRequest.NONE ? ""
                : run.stopRequest() == StopRequest.ABORT ? "abort requested" : "stop requested");
        Redraw.text(spec, detail.specText());
    }
}

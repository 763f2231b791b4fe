package dev.runplane.startup;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;

/**
 * A start-up timeline in the log, asked for with {@code RUNPLANE_STARTUP_TIMELINE=true} (or
 * {@code -Drunplane.startup-timeline=true}): once the application is ready it logs how long the JVM took to reach
 * {@code main}, Spring Boot's phases, and the beans whose own creation (without the beans they pulled in) took
 * longest. Off by default: recording every step costs a little, and the numbers are for whoever tunes start-up.
 */
public final class StartupTimeline implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupTimeline.class);
    private static final int SLOWEST_BEANS = 25;

    private final BufferingApplicationStartup startup;
    private final long mainEnteredAtMillis;

    private StartupTimeline(BufferingApplicationStartup startup, long mainEnteredAtMillis) {
        this.startup = startup;
        this.mainEnteredAtMillis = mainEnteredAtMillis;
    }

    /** Records the timeline of {@code application} when asked for; does nothing otherwise. */
    public static void attachIfAsked(SpringApplication application) {
        String asked = System.getProperty("runplane.startup-timeline", System.getenv("RUNPLANE_STARTUP_TIMELINE"));
        if (!"true".equalsIgnoreCase(asked)) {
            return;
        }
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(startup);
        application.addListeners(new StartupTimeline(startup, System.currentTimeMillis()));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<TimelineEvent> events = new ArrayList<>(startup.getBufferedTimeline().getEvents());
        events.sort(Comparator.comparing(TimelineEvent::getStartTime));
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder out = new StringBuilder("\nStart-up timeline (ms)\n");
        out.append(line("JVM start → main", mainEnteredAtMillis - jvmStart));
        Map<Long, Long> childTime = new HashMap<>();
        for (TimelineEvent e : events) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                childTime.merge(parent, e.getDuration().toMillis(), Long::sum);
            }
        }
        // Spring Boot's phases and the context's own steps, each with its inclusive time
        for (TimelineEvent e : events) {
            String name = e.getStartupStep().getName();
            if (!name.startsWith("spring.beans.") && e.getDuration().toMillis() >= 50) {
                out.append(line(name + tags(e.getStartupStep()), e.getDuration().toMillis()));
            }
        }
        out.append("slowest beans (own time, without the beans they needed):\n");
        List<TimelineEvent> beans = new ArrayList<>(events.stream()
                .filter(e -> e.getStartupStep().getName().equals("spring.beans.instantiate")).toList());
        beans.sort(Comparator.comparingLong((TimelineEvent e) -> ownMillis(e, childTime)).reversed());
        beans.stream().limit(SLOWEST_BEANS).forEach(e -> out.append(line("  " + tags(e.getStartupStep()),
                ownMillis(e, childTime))));
        out.append(line("all beans, own time", beans.stream().mapToLong(e -> ownMillis(e, childTime)).sum()));
        out.append(line("JVM start → ready", System.currentTimeMillis() - jvmStart));
        log.info(out.toString());
    }

    private static long ownMillis(TimelineEvent e, Map<Long, Long> childTime) {
        return e.getDuration().toMillis() - childTime.getOrDefault(e.getStartupStep().getId(), 0L);
    }

    private static String tags(StartupStep step) {
        String tags = StreamSupport.stream(step.getTags().spliterator(), false)
                .filter(t -> !t.getKey().equals("beanType"))
                .map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(", "));
        return tags.isEmpty() ? "" : " [" + tags + "]";
    }

    private static String line(String what, long millis) {
        return String.format("%8d  %s%n", millis, what);
    }
}

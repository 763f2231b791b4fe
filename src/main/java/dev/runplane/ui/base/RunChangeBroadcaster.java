package dev.runplane.ui.base;

import com.vaadin.flow.shared.Registration;
import dev.runplane.runs.RunChanged;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Fans "run X changed" notices out to the views that subscribed on attach. Notices arrive only after the change
 * committed, so a view that re-reads always sees it. Delivery happens off the committing thread: a slow browser
 * never slows down a service call.
 */
@Component
public class RunChangeBroadcaster {
    private static final Logger log = LoggerFactory.getLogger(RunChangeBroadcaster.class);

    private record Subscriber(Predicate<RunChanged> filter, Consumer<RunChanged> listener) {
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param filter decides, at the moment of each notice, whether this subscriber may and wants to hear it (the
     *               filter is where read access is re-checked, so a revoked role stops updates at once)
     */
    public Registration subscribe(Predicate<RunChanged> filter, Consumer<RunChanged> listener) {
        Subscriber subscriber = new Subscriber(filter, listener);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunChanged change) {
        for (Subscriber subscriber : subscribers) {
            delivery.execute(() -> deliver(subscriber, change));
        }
    }

    private static void deliver(Subscriber subscriber, RunChanged change) {
        try {
            if (subscriber.filter().test(change)) {
                subscriber.listener().accept(change);
            }
        } catch (RuntimeException e) {
            log.warn("A view failed to handle {}: {}", change, e.toString());
        }
    }
}

package dev.runplane.ui.base;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Settings of the browser's push client (Atmosphere) for every UI. Vaadin leaves its log level at {@code debug}, so
 * each pushed message was logged to the browser console; on a run page that receives several pushes per change that
 * was about a twentieth of the page's script time (the UI-freshness benchmark's profile, docs/benchmarks.md).
 */
@Component
class PushClientSettings implements VaadinServiceInitListener {
    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().getPushConfiguration()
                .setParameter("logLevel", "info"));
    }
}

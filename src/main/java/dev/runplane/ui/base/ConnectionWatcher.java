package dev.runplane.ui.base;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;

/**
 * Shows whether Push is connected, and tells the view when the connection came back so that it re-reads everything
 * (changes made while it was away were never pushed). Uses Vaadin's client-side connection state; no bundle needed.
 */
public class ConnectionWatcher extends Span {

    /** Fired on the server after the browser reconnected. */
    public static class ReconnectedEvent extends ComponentEvent<ConnectionWatcher> {
        public ReconnectedEvent(ConnectionWatcher source) {
            super(source, true);
        }
    }

    public ConnectionWatcher() {
        setId("connection-state");
        addClassName("connection-state");
        setText("live");
    }

    public Registration addReconnectedListener(com.vaadin.flow.component.ComponentEventListener<ReconnectedEvent> l) {
        return addListener(ReconnectedEvent.class, l);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs("""
                const el = this;
                const store = window.Vaadin && window.Vaadin.connectionState;
                if (!store || el.__watching) { return; }
                el.__watching = true;
                let lost = false;
                store.addStateChangeListener((previous, next) => {
                  const down = next === 'connection-lost' || next === 'reconnecting';
                  el.textContent = down ? 'offline — reconnecting…' : 'live';
                  el.classList.toggle('offline', down);
                  if (down) { lost = true; }
                  if (next === 'connected' && lost) { lost = false; el.$server.reconnected(); }
                });""");
    }

    @ClientCallable
    private void reconnected() {
        fireEvent(new ReconnectedEvent(this));
    }
}

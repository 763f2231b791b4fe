package dev.runplane.ui.base;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;

/**
 * The header's connection badge. The browser asks {@link ConnectionCheck} every two seconds (with a short timeout)
 * whether the server is there and the session still signed in: Vaadin's own push state only changes once the
 * client next sends something, so a page nobody touches said "live" for 45 s and more after the server died.
 * While the server cannot be reached the badge says "offline — reconnecting…" and the page's content is marked
 * {@code stale} (greyed, see styles.css); when it answers again the view re-reads everything (changes made meanwhile
 * were never pushed). A server that came back without this session (a restart ends every session) is said so, with
 * a sign-in link to this very page: the sign-in returns to it. The check runs in the browser, so the server pushes
 * nothing for it.
 */
public class ConnectionWatcher extends Span {
    /** A dead server is seen within about interval + timeout; a refused connection fails at once. */
    private static final int CHECK_INTERVAL_MS = 2000;
    private static final int CHECK_TIMEOUT_MS = 1500;

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

    public Registration addReconnectedListener(ComponentEventListener<ReconnectedEvent> l) {
        return addListener(ReconnectedEvent.class, l);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs("""
                const el = this;
                if (el.__watching) { return; }
                el.__watching = true;
                const interval = $0, timeout = $1, url = $2;
                let state = 'live';
                const content = () => {
                  const layout = el.closest('vaadin-app-layout');
                  return layout ? Array.from(layout.children).filter(c => !c.hasAttribute('slot')) : [];
                };
                const show = (next) => {
                  if (next === state) { return; }
                  const wasDown = state !== 'live';
                  state = next;
                  el.classList.toggle('offline', next !== 'live');
                  el.classList.toggle('signed-out', next === 'signed-out');
                  content().forEach(c => c.classList.toggle('stale', next !== 'live'));
                  if (next === 'offline') {
                    el.textContent = 'offline \\u2014 reconnecting\\u2026';
                  } else if (next === 'signed-out') {
                    el.textContent = 'signed out \\u2014 the server restarted and this session ended. ';
                    const signIn = document.createElement('a');
                    signIn.id = 'connection-sign-in';
                    signIn.textContent = 'Sign in';
                    // loading this page again leads through the login page and back here
                    signIn.href = window.location.href;
                    signIn.setAttribute('router-ignore', '');
                    el.appendChild(signIn);
                  } else {
                    el.textContent = 'live';
                    if (wasDown) { el.$server.reconnected(); }
                  }
                };
                const check = async () => {
                  try {
                    const answer = await fetch(url, {cache: 'no-store', credentials: 'same-origin',
                        redirect: 'manual', signal: AbortSignal.timeout(timeout)});
                    if (answer.status === 401) { show('signed-out'); }
                    else if (answer.ok) { if (state !== 'signed-out') { show('live'); } }
                    else { show('offline'); }
                  } catch (e) {
                    // signed out stays signed out (with its link) while the server is briefly out of reach
                    if (state !== 'signed-out') { show('offline'); }
                  }
                };
                el.__timer = setInterval(check, interval);""",
                CHECK_INTERVAL_MS, CHECK_TIMEOUT_MS, ConnectionCheck.PATH);
    }

    @ClientCallable
    private void reconnected() {
        fireEvent(new ReconnectedEvent(this));
    }
}

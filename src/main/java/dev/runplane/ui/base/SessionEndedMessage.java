package dev.runplane.ui.base;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * What an open page says when the server no longer knows its session (a restart signs everyone out). Vaadin's
 * default reloads the page at once, which lands on the login page without a word about why; instead the page stays,
 * says so, and a click reloads it: through the login page and back to the same page. The connection badge
 * ({@link ConnectionWatcher}) says the same in the header, with a Sign in link.
 */
@Component
class SessionEndedMessage implements VaadinServiceInitListener {
    @Override
    public void serviceInit(ServiceInitEvent event) {
        CustomizedSystemMessages messages = new CustomizedSystemMessages();
        messages.setSessionExpiredNotificationEnabled(true);
        messages.setSessionExpiredCaption("Signed out");
        messages.setSessionExpiredMessage("The server restarted and this session ended. Click here to sign in and "
                + "return to this page.");
        event.getSource().setSystemMessagesProvider(info -> messages);
    }
}

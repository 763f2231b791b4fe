package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.textfield.TextArea;
import dev.runplane.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

/** The submit view in a browserless UI against the real services: validation errors name the field. */
@IntegrationTest
@WithMockUser(username = "admin")
class SubmitRunViewIT extends SpringBrowserlessTest {

    @Test
    void anInvalidSpecShowsOneMessagePerFieldAndCreatesNothing() {
        SubmitRunView view = navigate(SubmitRunView.class, Map.of("project", "default"));
        test($(TextArea.class).id("spec-editor")).setValue("""
                type: service
                name: Bad/Name
                commands: []
                replicas: -1
                """);
        test($(Button.class).id("spec-submit")).click();

        assertThat($(ListItem.class).all()).extracting(ListItem::getText)
                .anyMatch(text -> text.startsWith("name:") && text.contains("[a-z][a-z0-9-]{0,62}"))
                .anyMatch(text -> text.startsWith("commands:"))
                .anyMatch(text -> text.startsWith("replicas:"));
        assertThat(view.isAttached()).isTrue();
    }
}

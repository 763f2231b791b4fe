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

/** The submit view in a browserless UI against the real services: validation errors name the field and its line. */
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

        assertThat($(ListItem.class).all()).extracting(item -> item.getElement().getTextRecursively())
                .anyMatch(text -> text.startsWith("Line 2, column 1 · name:")
                        && text.contains("[a-z][a-z0-9-]{0,62}"))
                .anyMatch(text -> text.startsWith("Line 3, column 1 · commands:"))
                .anyMatch(text -> text.startsWith("Line 4, column 1 · replicas:"));
        assertThat($(com.vaadin.flow.component.html.Div.class).id("spec-gutter").getElement()
                .getAttribute("data-error-lines")).isEqualTo("2,3,4");
        assertThat(view.isAttached()).isTrue();
    }
}

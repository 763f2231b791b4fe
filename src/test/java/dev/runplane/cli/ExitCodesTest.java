package dev.runplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void notFoundAndConflictHaveTheirOwnCodesEveryOtherFailureIsOne() {
        assertThat(ExitCodes.forStatus(200)).isZero();
        assertThat(ExitCodes.forStatus(202)).isZero();
        assertThat(ExitCodes.forStatus(404)).isEqualTo(3);
        assertThat(ExitCodes.forStatus(409)).isEqualTo(4);
        assertThat(ExitCodes.forStatus(400)).isEqualTo(1);
        assertThat(ExitCodes.forStatus(401)).isEqualTo(1);
        assertThat(ExitCodes.forStatus(403)).isEqualTo(1);
        assertThat(ExitCodes.forStatus(429)).isEqualTo(1);
        assertThat(ExitCodes.forStatus(500)).isEqualTo(1);
    }

    @Test
    void theServersDetailIsTheMessage() {
        assertThat(Problems.message(404, """
                {"type":"about:blank","title":"Not found","status":404,
                 "detail":"run 'nope' not found in project 'default'"}"""))
                .isEqualTo("run 'nope' not found in project 'default'");
    }

    @Test
    void fieldErrorsAreListedOnePerLine() {
        assertThat(Problems.message(400, """
                {"title":"Invalid run spec","status":400,"detail":"commands: required; port: too big",
                 "errors":[{"field":"commands","message":"required"},{"field":"port","message":"too big"}]}"""))
                .isEqualTo("Invalid run spec:\n  commands: required\n  port: too big");
    }

    @Test
    void aRefusedTokenSaysWhereTheTokenComesFrom() {
        assertThat(Problems.message(401, "{\"detail\":\"invalid token\"}"))
                .isEqualTo("the token was refused: check RUNPLANE_TOKEN / runplane config");
    }

    @Test
    void anAnswerThatIsNoProblemDocumentFallsBackToTheStatus() {
        assertThat(Problems.message(502, "<html>Bad gateway</html>")).isEqualTo("the server answered HTTP 502");
        assertThat(Problems.message(500, "")).isEqualTo("the server answered HTTP 500");
    }
}

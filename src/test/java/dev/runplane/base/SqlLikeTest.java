package dev.runplane.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLikeTest {
    @Test
    void wildcardsInUserTextMatchOnlyThemselves() {
        assertThat(SqlLike.contains("web")).isEqualTo("%web%");
        assertThat(SqlLike.contains("100%_done!")).isEqualTo("%100!%!_done!!%");
    }
}

package dev.runplane.logs.sanitize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksEveryOccurrenceOfEverySecret() {
        SecretMasker masker = new SecretMasker(List.of("s3cr3t", "tok-123"));

        assertThat(masker.mask("a s3cr3t, again s3cr3t and tok-123."))
                .isEqualTo("a ***, again *** and ***.");
    }

    @Test
    void textWithoutSecretsIsReturnedWithoutCopying() {
        String text = "nothing to hide";

        assertThat(new SecretMasker(List.of("s3cr3t")).mask(text)).isSameAs(text);
        assertThat(SecretMasker.NONE.mask(text)).isSameAs(text);
    }

    @Test
    void valuesShorterThanFourCharactersAreIgnoredSoOrdinaryTextSurvives() {
        SecretMasker masker = new SecretMasker(List.of("abc", "1", ""));

        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask("abc 1")).isEqualTo("abc 1");
    }

    @Test
    void overlappingSecretsAreMaskedAsOneRange() {
        SecretMasker masker = new SecretMasker(List.of("abcdef", "defghi", "cdefg"));

        assertThat(masker.mask("xxabcdefghiyy")).isEqualTo("xx***yy");
    }

    @Test
    void overlappingOccurrencesOfOneSecretLeaveNoPartBehind() {
        assertThat(new SecretMasker(List.of("aaaa")).mask("aaaaaa b aaa")).isEqualTo("*** b aaa");
    }

    @Test
    void multiLineValuesAreAlsoMaskedLineByLine() {
        SecretMasker masker = new SecretMasker(List.of("first-line\r\nsecond-line\n"));

        assertThat(masker.mask("echo second-line")).isEqualTo("echo ***");
    }

    @Test
    void fromEnvironmentPicksValuesOfSecretLookingNames() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_PASSWORD", "pw-value");
        env.put("github_token", "tok-value");
        env.put("AWS_SECRET_ACCESS_KEY", "aws-value");
        env.put("SSH_KEY", "ssh-value");
        env.put("OPENAI_APIKEY", "openai-value");
        env.put("MY_CREDENTIALS", "cred-value");
        env.put("HOME", "/home/user");
        env.put("MONKEY", "banana-value");
        env.put("KEYBOARD", "qwerty-value");

        SecretMasker masker = SecretMasker.fromEnvironment(env);

        assertThat(masker.mask("pw-value tok-value aws-value ssh-value openai-value cred-value"))
                .isEqualTo("*** *** *** *** *** ***");
        assertThat(masker.mask("/home/user banana-value qwerty-value"))
                .isEqualTo("/home/user banana-value qwerty-value");
    }

    @Test
    void maskingASanitizedLineMovesSpansWithTheText() {
        SanitizedLine line = new SanitizedLine("id=hunter22 then red", List.of(
                new Span(0, 2, "blue", null, false, false, false),
                new Span(17, 20, "red", null, false, false, false)));

        SanitizedLine masked = new SecretMasker(List.of("hunter22")).mask(line);

        assertThat(masked.text()).isEqualTo("id=*** then red");
        assertThat(masked.spans()).extracting(Span::start, Span::end).containsExactly(
                tuple(0, 2), tuple(12, 15));
    }
}

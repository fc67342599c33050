package io.lyss.security.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void recognisesTheRightPasswordOnlyAndNeverStoresIt() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void aMissingOrMalformedHashNeverMatches() {
        assertThat(hasher.matches("anything", null)).isFalse();
        assertThat(hasher.matches("anything", "$2a$10$not-argon")).isFalse();
        assertThat(hasher.matches(null, hasher.hash("x"))).isFalse();
    }
}

package io.lyss.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final byte[] KEY = new byte[32];
    private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aTokenNamesItsUserUntilItExpires() {
        var tokens = at(now);
        var issued = tokens.issue("usr_1");

        assertThat(issued.token()).startsWith(SessionTokens.PREFIX);
        assertThat(tokens.verify(issued.token()))
                .map(SessionTokens.Session::userId)
                .contains("usr_1");
        assertThat(at(now.plus(Duration.ofMinutes(59))).verify(issued.token())).isPresent();
        assertThat(at(now.plus(Duration.ofHours(1))).verify(issued.token())).isEmpty();
    }

    @Test
    void forgedOrAlteredTokensAreRefused() {
        var issued = at(now).issue("usr_1");
        byte[] otherKey = Arrays.copyOf(KEY, 32);
        otherKey[0] = 1;
        var forger = new SessionTokens(otherKey, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));

        assertThat(at(now).verify(forger.issue("usr_1").token())).isEmpty();
        String token = issued.token();
        String altered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        assertThat(at(now).verify(altered)).isEmpty();
        assertThat(at(now).verify("lyss-at-garbage")).isEmpty();
        assertThat(at(now).verify(null)).isEmpty();
    }

    private static SessionTokens at(Instant instant) {
        return new SessionTokens(KEY, Duration.ofHours(1), Clock.fixed(instant, ZoneOffset.UTC));
    }
}

package io.lyss.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.ChannelRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> changes = new ArrayList<>();
    private final CircuitBreakers breakers =
            new CircuitBreakers(3, Duration.ofSeconds(30), clock, new CircuitListener() {
                @Override
                public void opened(ChannelRoute channel, int consecutiveFailures, String lastFailure) {
                    changes.add("opened " + channel.channelId() + " after " + consecutiveFailures + ": " + lastFailure);
                }

                @Override
                public void closed(ChannelRoute channel) {
                    changes.add("closed " + channel.channelId());
                }
            });
    private final ChannelRoute flaky = route("flaky");
    private final ChannelRoute steady = route("steady");

    @Test
    void opensAfterConsecutiveFailuresAndSendsTheChannelToTheBack() {
        breakers.failed(flaky, "HTTP 503");
        breakers.failed(flaky, "HTTP 503");
        assertThat(breakers.healthyFirst(List.of(flaky, steady))).containsExactly(flaky, steady);
        breakers.failed(flaky, "HTTP 429");
        assertThat(breakers.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
        breakers.failed(flaky, "HTTP 429");
        assertThat(changes).containsExactly("opened flaky after 3: HTTP 429");
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        breakers.failed(flaky, "HTTP 503");
        breakers.failed(flaky, "HTTP 503");
        breakers.succeeded(flaky);
        breakers.failed(flaky, "HTTP 503");
        assertThat(breakers.isOpen("flaky")).isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void afterTheOpenPeriodTheChannelIsTriedAgainAndASuccessClosesTheCircuit() {
        for (int i = 0; i < 3; i++) {
            breakers.failed(flaky, "timeout");
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(breakers.healthyFirst(List.of(flaky, steady))).containsExactly(flaky, steady);
        breakers.succeeded(flaky);
        assertThat(changes).containsExactly("opened flaky after 3: timeout", "closed flaky");
    }

    @Test
    void aFailedTrialOpensTheCircuitAgainWithoutAnotherEvent() {
        for (int i = 0; i < 3; i++) {
            breakers.failed(flaky, "timeout");
        }
        clock.advance(Duration.ofSeconds(31));
        breakers.failed(flaky, "timeout");
        assertThat(breakers.isOpen("flaky")).isTrue();
        assertThat(changes).hasSize(1);
    }

    private static ChannelRoute route(String id) {
        return new ChannelRoute(id, "ws_1", ProviderType.OPENAI_COMPATIBLE, "http://x", Set.of("m"), 0, 1, null);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

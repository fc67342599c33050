package io.lyss.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.governance.ProviderType;
import io.lyss.events.routing.ChannelCircuitClosed;
import io.lyss.events.routing.ChannelCircuitOpened;
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

    @Test
    void aCircuitAnotherInstanceOpenedIsOpenHereUntilItsPeriodEndsThenAFailedTrialOpensItHere() {
        var shared = new SharedCircuits(breakers, "here");
        shared.apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "HTTP 503"), clock.instant());
        clock.advance(Duration.ofSeconds(10));

        assertThat(breakers.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
        assertThat(changes).as("learned, not decided here").isEmpty();

        clock.advance(Duration.ofSeconds(21));
        assertThat(breakers.healthyFirst(List.of(flaky, steady)))
                .as("half-open: the next call is a trial")
                .containsExactly(flaky, steady);
        breakers.failed(flaky, "HTTP 503");
        assertThat(breakers.isOpen("flaky")).isTrue();
        assertThat(changes).containsExactly("opened flaky after 3: HTTP 503");
    }

    @Test
    void aSuccessfulTrialAfterALearnedOpeningClosesItSilently() {
        new SharedCircuits(breakers, "here")
                .apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "timeout"), clock.instant());
        clock.advance(Duration.ofSeconds(31));

        breakers.succeeded(flaky);
        breakers.failed(flaky, "HTTP 503");

        assertThat(breakers.isOpen("flaky")).as("the count started again").isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void theOtherInstancesClosingClosesALearnedCircuitButNotOneOpenedHere() {
        var shared = new SharedCircuits(breakers, "here");
        shared.apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "timeout"), clock.instant());
        for (int i = 0; i < 3; i++) {
            breakers.failed(steady, "timeout");
        }
        shared.apply(new ChannelCircuitOpened("steady", "ws_1", "there", 3, "timeout"), clock.instant());

        shared.apply(new ChannelCircuitClosed("flaky", "ws_1", "there"), clock.instant());
        shared.apply(new ChannelCircuitClosed("steady", "ws_1", "there"), clock.instant());

        assertThat(breakers.isOpen("flaky")).isFalse();
        assertThat(breakers.isOpen("steady")).isTrue();
    }

    @Test
    void ownEventsAndOpeningsWhosePeriodIsOverChangeNothing() {
        var shared = new SharedCircuits(breakers, "here");
        shared.apply(new ChannelCircuitOpened("flaky", "ws_1", "here", 3, "timeout"), clock.instant());
        shared.apply(
                new ChannelCircuitOpened("steady", "ws_1", "there", 3, "timeout"),
                clock.instant().minus(Duration.ofSeconds(31)));

        assertThat(breakers.isOpen("flaky")).isFalse();
        assertThat(breakers.isOpen("steady")).isFalse();
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

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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> changes = new ArrayList<>();
    private final CircuitBreakers breakers = new CircuitBreakers(3, Duration.ofSeconds(30), clock, listener());
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
    void aSuccessfulCallAfterALearnedOpeningOutsideATrialClosesItSilently() {
        new SharedCircuits(breakers, "here")
                .apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "timeout"), clock.instant());
        clock.advance(Duration.ofSeconds(31));

        breakers.succeeded(flaky);
        breakers.failed(flaky, "HTTP 503");

        assertThat(breakers.isOpen("flaky")).as("the count started again").isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void anotherInstancesClosingClosesTheCircuitHereEvenOneOpenedHere() {
        var shared = new SharedCircuits(breakers, "here");
        shared.apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "timeout"), clock.instant());
        for (int i = 0; i < 3; i++) {
            breakers.failed(steady, "timeout");
        }
        shared.apply(new ChannelCircuitOpened("steady", "ws_1", "there", 3, "timeout"), clock.instant());

        shared.apply(new ChannelCircuitClosed("flaky", "ws_1", "there"), clock.instant());
        shared.apply(new ChannelCircuitClosed("steady", "ws_1", "there"), clock.instant());

        assertThat(breakers.isOpen("flaky")).isFalse();
        assertThat(breakers.isOpen("steady"))
                .as("one trial decides for every instance")
                .isFalse();
        breakers.failed(steady, "timeout");
        assertThat(breakers.isOpen("steady")).as("counting from zero again").isFalse();
    }

    @Test
    void theTrialIsClaimedOnceWhenThePeriodEndsAndARefusalKeepsTheChannelAtTheBack() {
        var claims = new ScriptedClaims();
        var shared = breakersWith(claims);
        for (int i = 0; i < 3; i++) {
            shared.failed(flaky, "timeout");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(shared.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
        }
        assertThat(claims.asked).as("never asked while open").isEmpty();

        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 5; i++) {
            assertThat(shared.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
        }
        assertThat(claims.asked).as("asked once, open while asking").containsExactly("flaky");

        claims.answer(new TrialClaims.Decision(
                TrialClaims.Decision.Verdict.WAIT, clock.instant().plusSeconds(20)));
        clock.advance(Duration.ofSeconds(19));
        assertThat(shared.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
        assertThat(claims.asked).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(shared.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
        assertThat(claims.asked).as("asked again once the wait is over").hasSize(2);
        claims.answer(TrialClaims.Decision.GRANTED);
        assertThat(shared.healthyFirst(List.of(flaky, steady)))
                .as("granted: the next call is the trial")
                .containsExactly(flaky, steady);
        assertThat(claims.asked).hasSize(2);
    }

    @Test
    void aGrantedTrialsOutcomeIsReportedForTheOtherInstancesEitherWay() {
        var claims = new ScriptedClaims();
        var shared = breakersWith(claims);
        new SharedCircuits(shared, "here")
                .apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "timeout"), clock.instant());
        for (int i = 0; i < 3; i++) {
            shared.failed(steady, "timeout");
        }
        clock.advance(Duration.ofSeconds(31));
        shared.healthyFirst(List.of(flaky, steady));
        claims.answer(TrialClaims.Decision.GRANTED);
        claims.answer(TrialClaims.Decision.GRANTED);

        shared.succeeded(flaky);
        shared.failed(steady, "HTTP 503");

        assertThat(changes)
                .containsExactly("opened steady after 3: timeout", "closed flaky", "opened steady after 3: HTTP 503");
        assertThat(shared.isOpen("steady")).isTrue();
        assertThat(shared.isOpen("flaky")).isFalse();
    }

    @Test
    void anOutcomeLearnedWhileAskingWinsOverTheAnswerAndAFailedClaimMeansAnOwnTrial() {
        var claims = new ScriptedClaims();
        var shared = breakersWith(claims);
        for (int i = 0; i < 3; i++) {
            shared.failed(flaky, "timeout");
            shared.failed(steady, "timeout");
        }
        clock.advance(Duration.ofSeconds(31));
        shared.healthyFirst(List.of(flaky, steady));

        new SharedCircuits(shared, "here")
                .apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "HTTP 503"), clock.instant());
        claims.answer(TrialClaims.Decision.GRANTED);
        claims.fail();

        assertThat(shared.isOpen("flaky"))
                .as("the other instance's failed trial started a new period")
                .isTrue();
        assertThat(shared.healthyFirst(List.of(flaky, steady))).containsExactly(steady, flaky);
    }

    @Test
    void aNewOpeningLearnedWhileWaitingForAnotherInstancesTrialStartsTheNextPeriod() {
        var claims = new ScriptedClaims();
        var shared = breakersWith(claims);
        for (int i = 0; i < 3; i++) {
            shared.failed(flaky, "timeout");
        }
        clock.advance(Duration.ofSeconds(31));
        shared.healthyFirst(List.of(flaky, steady));
        claims.answer(new TrialClaims.Decision(
                TrialClaims.Decision.Verdict.WAIT, clock.instant().plusSeconds(60)));

        new SharedCircuits(shared, "here")
                .apply(new ChannelCircuitOpened("flaky", "ws_1", "there", 3, "HTTP 503"), clock.instant());
        clock.advance(Duration.ofSeconds(31));

        assertThat(shared.isOpen("flaky"))
                .as("the failed trial's period, not the claim's 60 s")
                .isFalse();
        shared.healthyFirst(List.of(flaky, steady));
        assertThat(claims.asked).hasSize(2);
    }

    private CircuitBreakers breakersWith(TrialClaims claims) {
        return new CircuitBreakers(3, Duration.ofSeconds(30), clock, listener(), claims);
    }

    private CircuitListener listener() {
        return new CircuitListener() {
            @Override
            public void opened(ChannelRoute channel, int consecutiveFailures, String lastFailure) {
                changes.add("opened " + channel.channelId() + " after " + consecutiveFailures + ": " + lastFailure);
            }

            @Override
            public void closed(ChannelRoute channel) {
                changes.add("closed " + channel.channelId());
            }
        };
    }

    /** Claims answered when the test says, in the order they were asked. */
    private static final class ScriptedClaims implements TrialClaims {
        private final List<String> asked = new ArrayList<>();
        private final List<CompletableFuture<Decision>> pending = new ArrayList<>();

        @Override
        public CompletableFuture<Decision> claim(ChannelRoute channel) {
            asked.add(channel.channelId());
            var decision = new CompletableFuture<Decision>();
            pending.add(decision);
            return decision;
        }

        void answer(Decision decision) {
            pending.removeFirst().complete(decision);
        }

        void fail() {
            pending.removeFirst().completeExceptionally(new java.io.IOException("command side down"));
        }
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

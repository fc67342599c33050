package io.lyss.command.ratelimit;

import io.lyss.command.ratelimit.api.GrantRateLimitAllowance;
import io.lyss.command.ratelimit.api.GrantedAllowance;
import io.lyss.command.ratelimit.api.RateLimitExhaustedException;
import io.lyss.command.ratelimit.api.SetRateLimit;
import io.lyss.events.governance.RateLimitScope;
import io.lyss.events.governance.RateLimitSet;
import io.lyss.events.usage.RateLimitAllowanceGranted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final RateLimitSet TEN_PER_MINUTE =
            new RateLimitSet("rl_key_1", "ws_1", RateLimitScope.KEY, "key_1", 10L, null);

    private AggregateTestFixture<RateLimit> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RateLimit.class);
    }

    @Test
    void settingARateLimitRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new SetRateLimit("rl_key_1", "ws_1", RateLimitScope.KEY, "key_1", 10L, null))
                .expectEvents(TEN_PER_MINUTE);
    }

    @Test
    void allowancesOfOneMinuteNeverExceedTheLimit() {
        fixture.given(TEN_PER_MINUTE, granted("i1", 100, 4), granted("i2", 100, 4))
                .when(grant("i1", 100, 1, 4))
                .expectResultMessagePayload(new GrantedAllowance(2, 0))
                .expectEvents(granted("i1", 100, 2));
    }

    @Test
    void aSpentMinuteRefuses() {
        fixture.given(TEN_PER_MINUTE, granted("i1", 100, 6), granted("i2", 100, 4))
                .when(grant("i2", 100, 1, 4))
                .expectException(RateLimitExhaustedException.class)
                .expectNoEvents();
    }

    @Test
    void theNextMinuteStartsAfresh() {
        fixture.given(TEN_PER_MINUTE, granted("i1", 100, 10))
                .when(grant("i1", 101, 1, 4))
                .expectEvents(granted("i1", 101, 4));
    }

    @Test
    void aPastMinuteGetsNothing() {
        fixture.given(TEN_PER_MINUTE, granted("i1", 101, 1))
                .when(grant("i1", 100, 1, 4))
                .expectException(RateLimitExhaustedException.class);
    }

    @Test
    void tokensPerMinuteAreHandedOutLikeRequests() {
        var tokens = new RateLimitSet("rl_ws_1", "ws_1", RateLimitScope.WORKSPACE, "ws_1", null, 1000L);
        fixture.given(tokens, new RateLimitAllowanceGranted("rl_ws_1", "ws_1", "i1", 100, 0, 900))
                .when(new GrantRateLimitAllowance("rl_ws_1", "ws_1", "i2", 100, 1, 1, 50, 400))
                .expectEvents(new RateLimitAllowanceGranted("rl_ws_1", "ws_1", "i2", 100, 0, 100));
    }

    private static GrantRateLimitAllowance grant(String instance, long minute, long min, long desired) {
        return new GrantRateLimitAllowance("rl_key_1", "ws_1", instance, minute, min, desired, 0, 0);
    }

    private static RateLimitAllowanceGranted granted(String instance, long minute, long requests) {
        return new RateLimitAllowanceGranted("rl_key_1", "ws_1", instance, minute, requests, 0);
    }
}

package io.lyss.command.budget;

import io.lyss.command.budget.api.BudgetExhaustedException;
import io.lyss.command.budget.api.ExpireBudgetLeases;
import io.lyss.command.budget.api.GrantBudgetLease;
import io.lyss.command.budget.api.GrantedLease;
import io.lyss.command.budget.api.SetBudget;
import io.lyss.command.budget.api.SettleBudgetLease;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.BudgetPeriod;
import io.lyss.events.governance.BudgetScope;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.usage.BudgetLeaseExpired;
import io.lyss.events.usage.BudgetLeaseGranted;
import io.lyss.events.usage.BudgetLeaseSettled;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final BudgetSet SET_1000_TOKENS =
            new BudgetSet("bud_ws_1", "ws_1", BudgetScope.WORKSPACE, "ws_1", 1000L, null, BudgetPeriod.TOTAL, null);

    private AggregateTestFixture<Budget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Budget.class);
    }

    @Test
    void settingABudgetRecordsItsLimits() {
        fixture.givenNoPriorActivity()
                .when(new SetBudget(
                        "bud_ws_1", "ws_1", BudgetScope.WORKSPACE, "ws_1", 1000L, null, BudgetPeriod.TOTAL, null))
                .expectEvents(SET_1000_TOKENS);
    }

    @Test
    void aLeaseGetsWhatIsDesiredWhenItIsFree() {
        fixture.given(SET_1000_TOKENS)
                .when(grant("lease_1", 100, 400, NOW))
                .expectResultMessagePayload(new GrantedLease("lease_1", 400, 0, NOW.plus(TTL)))
                .expectEvents(granted("lease_1", 400));
    }

    @Test
    void aLeaseGetsOnlyWhatIsLeftWhenThatCoversTheMinimum() {
        fixture.given(SET_1000_TOKENS, granted("lease_1", 600), settled("lease_1", 100), granted("lease_2", 600))
                .when(grant("lease_3", 100, 400, NOW))
                .expectEvents(granted("lease_3", 300));
    }

    @Test
    void openLeasesAndSpendTogetherNeverExceedTheLimit() {
        fixture.given(SET_1000_TOKENS, granted("lease_1", 600), granted("lease_2", 350))
                .when(grant("lease_3", 100, 400, NOW))
                .expectException(BudgetExhaustedException.class)
                .expectNoEvents();
    }

    @Test
    void settlingFreesWhatWasNotSpent() {
        fixture.given(SET_1000_TOKENS, granted("lease_1", 1000), settled("lease_1", 200))
                .when(grant("lease_2", 800, 800, NOW))
                .expectEvents(granted("lease_2", 800));
    }

    @Test
    void settlingTwiceCountsOnce() {
        fixture.given(SET_1000_TOKENS, granted("lease_1", 500), settled("lease_1", 200))
                .when(new SettleBudgetLease("bud_ws_1", "ws_1", "lease_1", 200, 0, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOverdueLeaseIsCountedAsFullySpent() {
        fixture.given(SET_1000_TOKENS, granted("lease_1", 600))
                .when(new ExpireBudgetLeases("bud_ws_1", NOW.plus(TTL)))
                .expectEvents(new BudgetLeaseExpired("bud_ws_1", "ws_1", "lease_1", 600, 0));
    }

    @Test
    void anExpiredLeaseStillBlocksItsAmount() {
        fixture.given(
                        SET_1000_TOKENS,
                        granted("lease_1", 600),
                        new BudgetLeaseExpired("bud_ws_1", "ws_1", "lease_1", 600, 0))
                .when(grant("lease_2", 401, 401, NOW))
                .expectException(BudgetExhaustedException.class);
    }

    @Test
    void aLateSettlementReplacesTheConservativeCharge() {
        fixture.given(
                        SET_1000_TOKENS,
                        granted("lease_1", 600),
                        new BudgetLeaseExpired("bud_ws_1", "ws_1", "lease_1", 600, 0),
                        settled("lease_1", 100))
                .when(grant("lease_2", 900, 900, NOW))
                .expectEvents(granted("lease_2", 900));
    }

    @Test
    void anExpiredBudgetGrantsNothing() {
        var expiring =
                new BudgetSet("bud_ws_1", "ws_1", BudgetScope.WORKSPACE, "ws_1", 1000L, null, BudgetPeriod.TOTAL, NOW);
        fixture.given(expiring).when(grant("lease_1", 1, 1, NOW)).expectException(BudgetExhaustedException.class);
    }

    @Test
    void aMonthlyBudgetStartsAfreshEachMonth() {
        var monthly = new BudgetSet(
                "bud_ws_1", "ws_1", BudgetScope.WORKSPACE, "ws_1", 1000L, null, BudgetPeriod.MONTHLY, null);
        var lastMonth = new BudgetLeaseGranted(
                "bud_ws_1", "ws_1", "lease_1", "i1", 1000, 0, "2026-10", NOW.minus(Duration.ofDays(30)));
        fixture.given(monthly, lastMonth, settled("lease_1", 1000))
                .when(grant("lease_2", 1000, 1000, NOW))
                .expectEvents(
                        new BudgetLeaseGranted("bud_ws_1", "ws_1", "lease_2", "i1", 1000, 0, "2026-11", NOW.plus(TTL)));
    }

    @Test
    void costLimitsAreLeasedLikeTokens() {
        var cost =
                new BudgetSet("bud_ws_1", "ws_1", BudgetScope.WORKSPACE, "ws_1", null, 5000L, BudgetPeriod.TOTAL, null);
        fixture.given(cost)
                .when(new GrantBudgetLease("bud_ws_1", "ws_1", "lease_1", "i1", 50, 500, 100, 8000, NOW, TTL))
                .expectEvents(
                        new BudgetLeaseGranted("bud_ws_1", "ws_1", "lease_1", "i1", 0, 5000, "total", NOW.plus(TTL)));
    }

    @Test
    void anotherWorkspaceCannotLeaseFromTheBudget() {
        fixture.given(SET_1000_TOKENS)
                .when(new GrantBudgetLease("bud_ws_1", "ws_2", "lease_1", "i1", 1, 1, 0, 0, NOW, TTL))
                .expectException(NotFoundInWorkspaceException.class);
    }

    private static GrantBudgetLease grant(String leaseId, long min, long desired, Instant now) {
        return new GrantBudgetLease("bud_ws_1", "ws_1", leaseId, "i1", min, desired, 0, 0, now, TTL);
    }

    private static BudgetLeaseGranted granted(String leaseId, long tokens) {
        return new BudgetLeaseGranted("bud_ws_1", "ws_1", leaseId, "i1", tokens, 0, "total", NOW.plus(TTL));
    }

    private static BudgetLeaseSettled settled(String leaseId, long tokens) {
        return new BudgetLeaseSettled("bud_ws_1", "ws_1", leaseId, tokens, 0);
    }
}

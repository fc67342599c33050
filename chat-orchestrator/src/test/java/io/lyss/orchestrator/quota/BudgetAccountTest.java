package io.lyss.orchestrator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BudgetAccountTest {

    /** A budget of 1000 tokens as the command side would lease it out. */
    private final class FakeBudget implements BudgetAccount.LeaseSource, BudgetAccount.LeaseSettler {
        long free = 1000;
        int leases;
        final List<long[]> settlements = new ArrayList<>();

        @Override
        public synchronized QuotaClient.Lease take(long minTokens, long desiredTokens, long minCost, long desiredCost) {
            if (free < Math.max(1, minTokens)) {
                throw new QuotaClient.RefusedException("spent", 0);
            }
            long granted = Math.min(desiredTokens, free);
            free -= granted;
            leases++;
            return new QuotaClient.Lease("lease_" + leases, granted, 0, 300_000);
        }

        @Override
        public synchronized void settle(String leaseId, long spentTokens, long spentCostMicros) {
            settlements.add(new long[] {spentTokens});
        }
    }

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final FakeBudget budget = new FakeBudget();
    private final BudgetAccount account = new BudgetAccount(budget, budget, clock::get, 150_000_000_000L, 0, 400, 0);

    @Test
    void requestsAreAdmittedFromOneLeaseUntilItRunsOut() {
        for (int i = 0; i < 4; i++) {
            assertThat(account.reserve(100, 0)).isNotNull();
        }
        assertThat(budget.leases).isEqualTo(1);
        assertThat(account.reserve(100, 0)).isNotNull();
        assertThat(budget.leases).isEqualTo(2);
    }

    @Test
    void aRequestTheBudgetCannotCoverIsRefused() {
        var held = new ArrayList<BudgetAccount.HeldLease>();
        BudgetAccount.HeldLease lease;
        while ((lease = account.reserve(300, 0)) != null) {
            held.add(lease);
        }
        // Leases of 400 (the slice) hold one such request each; the 200 left cannot cover a third.
        assertThat(held).hasSize(2);
    }

    @Test
    void settlingReturnsWhatWasNotSpentAndARetiredLeaseSettlesWithItsRealSpend() {
        BudgetAccount.HeldLease lease = account.reserve(100, 0);
        account.settle(lease, 100, 0, 23, 0);
        assertThat(lease.tokensLeft).isEqualTo(400 - 23);
        clock.addAndGet(20_000_000_000L);
        account.returnIfIdle(10_000_000_000L);
        assertThat(budget.settlements).singleElement().satisfies(s -> assertThat(s[0])
                .isEqualTo(23));
        assertThat(account.holdsNothing()).isTrue();
    }

    @Test
    void aLeaseRetiredWithRequestsInFlightSettlesWhenTheLastOneEnds() {
        budget.free = 10_000;
        BudgetAccount.HeldLease first = account.reserve(300, 0); // leases 400
        BudgetAccount.HeldLease second = account.reserve(1000, 0); // does not fit in the 100 left: a new lease
        assertThat(second).isNotNull().isNotSameAs(first);
        assertThat(budget.settlements).isEmpty();
        account.settle(first, 300, 0, 40, 0);
        assertThat(budget.settlements).singleElement().satisfies(s -> assertThat(s[0])
                .isEqualTo(40));
    }

    @Test
    void aLeaseTakesNoRequestsCloseToItsExpiry() {
        BudgetAccount.HeldLease first = account.reserve(10, 0);
        account.settle(first, 10, 0, 10, 0);
        clock.addAndGet(151_000_000_000L);
        assertThat(account.reserve(10, 0)).isNotSameAs(first);
        assertThat(budget.leases).isEqualTo(2);
    }
}

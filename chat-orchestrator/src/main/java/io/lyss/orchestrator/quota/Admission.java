package io.lyss.orchestrator.quota;

import io.lyss.orchestrator.chat.TokenCounts;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A request admitted against its budgets and rate limits, holding its worst case until it is settled with what it
 * really spent. Closing an unsettled admission settles it as having spent nothing (no provider answered).
 */
public final class Admission implements AutoCloseable {

    /** One budget's reservation for this request. */
    record BudgetHold(BudgetAccount account, BudgetAccount.HeldLease lease, long tokens, long cost) {}

    /** One rate limit's count of this request's worst-case tokens. */
    record RateHold(RateAccount account, long tokens) {}

    static final Admission UNLIMITED = new Admission(null, List.of(), List.of(), token -> 0);

    private final Integer completionTokenCap;
    private final List<BudgetHold> budgets;
    private final List<RateHold> rates;
    private final ToLongFunction<TokenCounts> pricing;
    private boolean settled;

    Admission(
            Integer completionTokenCap,
            List<BudgetHold> budgets,
            List<RateHold> rates,
            ToLongFunction<TokenCounts> pricing) {
        this.completionTokenCap = completionTokenCap;
        this.budgets = budgets;
        this.rates = rates;
        this.pricing = pricing;
    }

    /** The {@code max_tokens} to ask of the provider: what was reserved, or what the client asked when nothing was. */
    public Integer completionTokenCap(Integer requested) {
        return completionTokenCap == null ? requested : completionTokenCap;
    }

    /** Records what the request really spent, freeing the rest of its reservation. Only the first call counts. */
    public void settle(TokenCounts spent) {
        if (this == UNLIMITED || !markSettled()) {
            return;
        }
        long tokens = spent.total();
        long cost = pricing.applyAsLong(spent);
        for (BudgetHold hold : budgets) {
            hold.account().settle(hold.lease(), hold.tokens(), hold.cost(), tokens, cost);
        }
        for (RateHold hold : rates) {
            hold.account().refund(Math.max(0, hold.tokens() - tokens));
        }
    }

    private synchronized boolean markSettled() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }

    @Override
    public void close() {
        settle(new TokenCounts(0, 0, 0, true));
    }
}

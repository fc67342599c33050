package io.lyss.orchestrator.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * This instance's share of one budget: the lease it admits requests against, and older leases it settles once
 * their last request has finished. Reserving is local and cheap; only a lease that runs out (or ages) costs a call
 * to the command side, made under this account's lock so that concurrent requests share one new lease.
 */
final class BudgetAccount {

    /** Asks the command side for a lease of at least {@code min}, ideally {@code desired}, of each measure. */
    interface LeaseSource {
        QuotaClient.Lease take(long minTokens, long desiredTokens, long minCost, long desiredCost);
    }

    /** Returns a lease with what its requests really spent. */
    interface LeaseSettler {
        void settle(String leaseId, long spentTokens, long spentCostMicros);
    }

    /** One lease as this instance holds it. */
    static final class HeldLease {
        final String leaseId;
        long tokensLeft;
        long costLeft;
        long spentTokens;
        long spentCost;
        int inFlight;
        final long usableUntilNanos;
        long lastUsedNanos;
        boolean retired;

        HeldLease(QuotaClient.Lease lease, long usableUntilNanos, long now) {
            this.leaseId = lease.leaseId();
            this.tokensLeft = lease.tokens();
            this.costLeft = lease.costMicros();
            this.usableUntilNanos = usableUntilNanos;
            this.lastUsedNanos = now;
        }
    }

    private final LeaseSource source;
    private final LeaseSettler settler;
    private final LongSupplier nanoClock;
    private final long safetyMarginNanos;
    private final long refusalBackoffNanos;
    private final long chunkTokens;
    private final long chunkCost;
    private final Map<String, HeldLease> retired = new HashMap<>();
    private HeldLease current;
    private long refusedUntilNanos = Long.MIN_VALUE;

    BudgetAccount(
            LeaseSource source,
            LeaseSettler settler,
            LongSupplier nanoClock,
            long safetyMarginNanos,
            long refusalBackoffNanos,
            long chunkTokens,
            long chunkCost) {
        this.source = source;
        this.settler = settler;
        this.nanoClock = nanoClock;
        this.safetyMarginNanos = safetyMarginNanos;
        this.refusalBackoffNanos = refusalBackoffNanos;
        this.chunkTokens = chunkTokens;
        this.chunkCost = chunkCost;
    }

    /**
     * Sets aside the worst case of one request, taking a new lease if the current one cannot cover it.
     *
     * @return the lease it was taken from, or null when the budget cannot cover the request
     * @throws QuotaClient.QuotaUnavailableException when the command side cannot be asked
     */
    synchronized HeldLease reserve(long tokens, long cost) {
        long now = nanoClock.getAsLong();
        if (current != null && (now >= current.usableUntilNanos || !covers(current, tokens, cost))) {
            retire(current);
            current = null;
        }
        if (current == null) {
            if (now < refusedUntilNanos) {
                return null;
            }
            try {
                QuotaClient.Lease lease =
                        source.take(tokens, desired(tokens, chunkTokens), cost, desired(cost, chunkCost));
                long usableUntil = now + lease.expiresInMillis() * 1_000_000 - safetyMarginNanos;
                current = new HeldLease(lease, usableUntil, now);
            } catch (QuotaClient.RefusedException e) {
                refusedUntilNanos = now + refusalBackoffNanos;
                return null;
            }
            if (!covers(current, tokens, cost)) {
                return null;
            }
        }
        current.tokensLeft -= tokens;
        current.costLeft -= cost;
        current.inFlight++;
        current.lastUsedNanos = now;
        return current;
    }

    /** Records what a finished (or abandoned) request really spent from the lease it reserved from. */
    synchronized void settle(
            HeldLease lease, long reservedTokens, long reservedCost, long spentTokens, long spentCost) {
        lease.spentTokens += spentTokens;
        lease.spentCost += spentCost;
        lease.inFlight--;
        if (!lease.retired) {
            lease.tokensLeft += reservedTokens - spentTokens;
            lease.costLeft += reservedCost - spentCost;
        } else if (lease.inFlight == 0) {
            retired.remove(lease.leaseId);
            settler.settle(lease.leaseId, lease.spentTokens, lease.spentCost);
        }
    }

    /** Returns the current lease when no request used it for {@code idleNanos} or it is too old for new requests. */
    synchronized void returnIfIdle(long idleNanos) {
        long now = nanoClock.getAsLong();
        if (current != null
                && (now >= current.usableUntilNanos
                        || (current.inFlight == 0 && now - current.lastUsedNanos >= idleNanos))) {
            retire(current);
            current = null;
        }
    }

    /** Settles every lease without requests in flight (at shutdown); others settle as their requests finish. */
    synchronized void returnAll() {
        if (current != null) {
            retire(current);
            current = null;
        }
    }

    synchronized boolean holdsNothing() {
        return current == null && retired.isEmpty();
    }

    private void retire(HeldLease lease) {
        lease.retired = true;
        if (lease.inFlight == 0) {
            settler.settle(lease.leaseId, lease.spentTokens, lease.spentCost);
        } else {
            retired.put(lease.leaseId, lease);
        }
    }

    /**
     * A slice of the budget, so that requests are admitted locally until it runs out, or what this request needs
     * if that is more. Slices keep one instance from holding what others could use.
     */
    private static long desired(long need, long chunk) {
        return need == 0 ? 0 : Math.max(need, chunk);
    }

    private static boolean covers(HeldLease lease, long tokens, long cost) {
        return lease.tokensLeft >= tokens && lease.costLeft >= cost;
    }
}

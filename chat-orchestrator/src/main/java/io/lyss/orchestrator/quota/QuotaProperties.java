package io.lyss.orchestrator.quota;

import io.lyss.orchestrator.ids.RandomIds;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an orchestrator instance admits requests against budgets and rate limits.
 *
 * @param instanceId names this instance on its leases; random per start by default
 * @param defaultMaxTokens completion tokens reserved (and asked of the provider at most) when a budgeted request
 *     names no {@code max_tokens}
 * @param leaseSafetyMargin a lease takes no new request this long before it expires, so that requests in flight
 *     finish and settle before the command side counts the lease as spent
 * @param leaseIdleReturn a lease no request used for this long is settled, returning what is left to the budget
 * @param refusalBackoff after the command side refused a lease, the budget is refused locally for this long
 * @param rateLimitChunks a rate-limit allowance asks for this fraction (1/n) of the per-minute limit
 * @param budgetChunks a budget lease asks for this fraction (1/n) of the budget's limit, or what the request
 *     needs if that is more
 */
@ConfigurationProperties("lyss.quota")
public record QuotaProperties(
        String instanceId,
        @DefaultValue("4096") int defaultMaxTokens,
        @DefaultValue("150s") Duration leaseSafetyMargin,
        @DefaultValue("10s") Duration leaseIdleReturn,
        @DefaultValue("250ms") Duration refusalBackoff,
        @DefaultValue("10") int rateLimitChunks,
        @DefaultValue("20") int budgetChunks) {

    public QuotaProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = "orch-" + RandomIds.nextText().substring(0, 8);
        }
    }
}

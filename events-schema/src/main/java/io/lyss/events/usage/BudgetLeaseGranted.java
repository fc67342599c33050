package io.lyss.events.usage;

import io.lyss.events.LyssEvent;
import java.time.Instant;

/**
 * Part of a budget was set aside for one orchestrator instance, which admits requests against it locally. Until
 * the lease is settled or expires its whole amount counts as spent.
 *
 * @param instanceId the orchestrator instance holding the lease
 * @param tokens tokens set aside (0 when the budget has no token limit)
 * @param costMicros cost set aside (0 when the budget has no cost limit)
 * @param period the budget period the lease belongs to ({@code total} or a month such as {@code 2026-11})
 * @param expiresAt when an unsettled lease is counted as fully spent
 */
public record BudgetLeaseGranted(
        String budgetId,
        String workspaceId,
        String leaseId,
        String instanceId,
        long tokens,
        long costMicros,
        String period,
        Instant expiresAt)
        implements LyssEvent {}

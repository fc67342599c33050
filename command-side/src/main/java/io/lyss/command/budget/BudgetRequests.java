package io.lyss.command.budget;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** JSON bodies of the budget APIs (admin and internal). */
final class BudgetRequests {

    private BudgetRequests() {}

    /** {@code scope}: workspace, user or key; {@code period}: total (default) or monthly. */
    record SetBudgetRequest(
            @NotBlank String scope,
            @Size(max = 200) String scopeId,
            @PositiveOrZero Long tokenLimit,
            @PositiveOrZero Long costLimitMicros,
            String period,
            Instant expiresAt) {}

    record LeaseRequest(
            @NotBlank String workspaceId,
            @NotBlank @Size(max = 200) String instanceId,
            @PositiveOrZero long minTokens,
            @PositiveOrZero long desiredTokens,
            @PositiveOrZero long minCostMicros,
            @PositiveOrZero long desiredCostMicros) {}

    record LeaseGrant(String leaseId, long tokens, long costMicros, long expiresInMillis) {}

    record SettlementRequest(
            @NotBlank String workspaceId, @PositiveOrZero long spentTokens, @PositiveOrZero long spentCostMicros) {}
}

package io.lyss.command.budget.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Count every lease of the budget that is overdue at {@code now} as fully spent. Answers the earliest expiry of the
 * leases still open, or null when none is.
 */
public record ExpireBudgetLeases(@TargetAggregateIdentifier String budgetId, Instant now) {}

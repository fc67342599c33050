package io.lyss.events.governance;

/** How long a budget's spending accumulates: for its whole life, or per calendar month (UTC). */
public enum BudgetPeriod {
    TOTAL,
    MONTHLY
}

package io.lyss.events.governance;

/** Whose spending a budget caps: a whole workspace, one user (every key they own) or one key. */
public enum BudgetScope {
    WORKSPACE,
    USER,
    KEY
}

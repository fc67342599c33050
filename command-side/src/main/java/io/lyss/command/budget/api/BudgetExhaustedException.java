package io.lyss.command.budget.api;

/** A lease was refused: what is left of the budget (after spend and other leases) is below the minimum asked. */
public class BudgetExhaustedException extends RuntimeException {

    public BudgetExhaustedException(String reason) {
        super(reason, null, false, false);
    }
}

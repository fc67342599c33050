package io.lyss.command.budget.api;

/** One budget per scope: its id is derived from the scope's id, so setting it again replaces it. */
public final class BudgetIds {

    private static final String PREFIX = "bud_";

    private BudgetIds() {}

    public static String forScope(String scopeId) {
        return PREFIX + scopeId;
    }

    public static boolean isBudgetId(String id) {
        return id != null && id.startsWith(PREFIX) && id.length() <= 200;
    }
}

package io.lyss.query.conversations;

import java.util.Optional;

/** The orders Dify's {@code sort_by} allows: {@code created_at}, {@code updated_at}, each optionally descending. */
enum ConversationOrder {
    CREATED_ASC("created_at", false),
    CREATED_DESC("created_at", true),
    UPDATED_ASC("updated_at", false),
    UPDATED_DESC("updated_at", true);

    private final String column;
    private final boolean descending;

    ConversationOrder(String column, boolean descending) {
        this.column = column;
        this.descending = descending;
    }

    String column() {
        return column;
    }

    boolean descending() {
        return descending;
    }

    static Optional<ConversationOrder> parse(String sortBy) {
        for (ConversationOrder order : values()) {
            if (((order.descending ? "-" : "") + order.column).equals(sortBy)) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }
}

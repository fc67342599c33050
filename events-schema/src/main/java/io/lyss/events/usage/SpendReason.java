package io.lyss.events.usage;

/** Why tokens were spent. */
public enum SpendReason {
    CHAT,
    MEMORY,
    EMBEDDING
}

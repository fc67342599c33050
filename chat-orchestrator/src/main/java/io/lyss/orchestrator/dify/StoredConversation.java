package io.lyss.orchestrator.dify;

/** A conversation as the read model (or this instance's recent memory) knows it; times in epoch seconds. */
record StoredConversation(String id, String endUserId, String name, long createdAt, long updatedAt) {

    StoredConversation renamed(String newName) {
        return new StoredConversation(id, endUserId, newName, createdAt, updatedAt);
    }

    /** True when the conversation may be used by this end user (conversations of no user are open to all). */
    boolean visibleTo(String user) {
        return endUserId == null || user == null || endUserId.equals(user);
    }
}

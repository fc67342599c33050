package io.lyss.query.conversations;

/** A conversation as the read model holds it; times in epoch seconds. */
public record ConversationView(
        String id, String keyId, String api, String endUserId, String name, long createdAt, long updatedAt) {}

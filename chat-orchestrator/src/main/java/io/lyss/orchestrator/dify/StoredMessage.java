package io.lyss.orchestrator.dify;

/** One question and answer of a conversation; {@code rating} is null when unrated; time in epoch seconds. */
record StoredMessage(String id, String conversationId, String question, String answer, String rating, long createdAt) {}

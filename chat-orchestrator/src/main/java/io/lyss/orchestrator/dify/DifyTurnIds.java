package io.lyss.orchestrator.dify;

/**
 * The ids every chunk of one Dify answer repeats.
 *
 * @param createdAt epoch seconds
 */
record DifyTurnIds(String taskId, String conversationId, String messageId, String workflowRunId, long createdAt) {}

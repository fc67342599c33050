package io.lyss.orchestrator.erasure;

/**
 * Something in this orchestrator that holds personal content of end users (the answer cache, the recent Dify
 * conversations) and drops it when a user is forgotten ({@code UserForgotten}, ADR 0026).
 */
public interface ErasedUsers {

    void forget(String workspaceId, String endUserId);
}

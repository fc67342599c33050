package io.lyss.events.memory;

import io.lyss.events.LyssEvent;
import java.util.List;

/**
 * An end user's personal content was erased: the data key that encrypted it was destroyed, so every memory
 * event of this user in the log is unreadable from now on, and read models drop what they hold about them.
 *
 * @param userId the end user who was forgotten
 * @param dataKeyIds the data keys destroyed
 */
public record UserForgotten(String workspaceId, String userId, List<String> dataKeyIds) implements LyssEvent {}

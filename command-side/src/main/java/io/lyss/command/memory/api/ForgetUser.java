package io.lyss.command.memory.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that an end user's personal content was erased (their data keys destroyed).
 *
 * @param endUserId the aggregate id of the end user in this workspace, see {@code EndUser#idOf}
 */
public record ForgetUser(
        @TargetAggregateIdentifier String endUserId, String workspaceId, String userId, List<String> dataKeyIds) {}

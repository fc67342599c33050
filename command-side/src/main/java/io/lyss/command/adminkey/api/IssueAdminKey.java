package io.lyss.command.adminkey.api;

import io.lyss.events.governance.WorkspaceRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a new admin API key by its hash and visible prefix, with the role it acts with. */
public record IssueAdminKey(
        @TargetAggregateIdentifier String adminKeyId,
        String workspaceId,
        String name,
        String keyHash,
        String keyPrefix,
        WorkspaceRole role) {}

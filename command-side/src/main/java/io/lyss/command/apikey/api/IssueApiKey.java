package io.lyss.command.apikey.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a new virtual key by its hash and visible prefix; the key itself never reaches the command side's log. */
public record IssueApiKey(
        @TargetAggregateIdentifier String keyId,
        String workspaceId,
        String name,
        String keyHash,
        String keyPrefix,
        List<String> allowedModels) {}

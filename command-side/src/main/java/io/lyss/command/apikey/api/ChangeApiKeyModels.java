package io.lyss.command.apikey.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the models (or aliases) a virtual key may call; empty allows every model of the workspace. */
public record ChangeApiKeyModels(
        @TargetAggregateIdentifier String keyId, String workspaceId, List<String> allowedModels) {}

package io.lyss.command.alias.api;

import io.lyss.events.governance.ModelAliasDefined;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Define (or redefine) a public model name as channels and the upstream model each is called with. */
public record DefineModelAlias(
        @TargetAggregateIdentifier String aliasId,
        String workspaceId,
        String alias,
        List<ModelAliasDefined.Target> targets) {}

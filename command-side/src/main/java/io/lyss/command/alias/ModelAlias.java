package io.lyss.command.alias;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.alias.api.DefineModelAlias;
import io.lyss.command.alias.api.RemoveModelAlias;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A public model name of a workspace mapped to channels and upstream model names. Its id derives from the workspace
 * and the name, so one name has one aggregate and redefinitions are ordered.
 */
@Aggregate
public class ModelAlias {

    @AggregateIdentifier
    private String aliasId;

    private String workspaceId;
    private String alias;
    private List<ModelAliasDefined.Target> targets;

    ModelAlias() {
        // for Axon
    }

    /** The aggregate id of an alias name in a workspace. */
    public static String idOf(String workspaceId, String alias) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((workspaceId + "\u0000" + alias).getBytes(StandardCharsets.UTF_8));
            return "alias_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineModelAlias command) {
        if (workspaceId != null && !workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("alias", command.alias());
        }
        if (command.targets().isEmpty()) {
            throw new IllegalArgumentException("An alias needs at least one target channel");
        }
        if (targets == null || !targets.equals(command.targets())) {
            apply(new ModelAliasDefined(
                    command.aliasId(), command.workspaceId(), command.alias(), List.copyOf(command.targets())));
        }
    }

    @CommandHandler
    void handle(RemoveModelAlias command) {
        if (targets == null || !workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("alias", command.aliasId());
        }
        apply(new ModelAliasRemoved(aliasId, workspaceId, alias));
    }

    @EventSourcingHandler
    void on(ModelAliasDefined event) {
        this.aliasId = event.aliasId();
        this.workspaceId = event.workspaceId();
        this.alias = event.alias();
        this.targets = event.targets();
    }

    @EventSourcingHandler
    void on(ModelAliasRemoved event) {
        this.targets = null;
    }
}

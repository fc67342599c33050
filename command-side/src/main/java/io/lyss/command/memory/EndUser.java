package io.lyss.command.memory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.memory.api.ForgetUser;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.memory.UserForgotten;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** An end user of a workspace, as far as erasure goes: each request to forget them is recorded. */
@Aggregate
class EndUser {

    @AggregateIdentifier
    private String endUserId;

    private String workspaceId;

    EndUser() {
        // for Axon
    }

    /** The aggregate id of an end user: derived, so every caller names the same stream for the same user. */
    static String idOf(String workspaceId, String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((workspaceId + "\n" + userId).getBytes(StandardCharsets.UTF_8));
            return "eu_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ForgetUser command) {
        if (!idOf(command.workspaceId(), command.userId()).equals(command.endUserId())
                || (workspaceId != null && !workspaceId.equals(command.workspaceId()))) {
            throw new NotFoundInWorkspaceException("end user", command.userId());
        }
        apply(new UserForgotten(command.workspaceId(), command.userId(), command.dataKeyIds()));
    }

    @EventSourcingHandler
    void on(UserForgotten event) {
        this.endUserId = idOf(event.workspaceId(), event.userId());
        this.workspaceId = event.workspaceId();
    }
}

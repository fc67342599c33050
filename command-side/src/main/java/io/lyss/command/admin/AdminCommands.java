package io.lyss.command.admin;

import io.lyss.command.scope.Provenance;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Sends an admin command with its provenance as metadata, and waits until its events are stored. */
@Component
class AdminCommands {

    private final CommandGateway commands;

    AdminCommands(CommandGateway commands) {
        this.commands = commands;
    }

    void send(Object command, Provenance provenance) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }
}

package io.lyss.command.scope;

import io.lyss.events.Actor;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Who asked for a change and in answer to what: carried as command metadata and copied by Axon onto every event
 * the command causes (see {@code EventStoreConfiguration}).
 */
public record Provenance(Actor actor, String correlationId) {

    public static final String ACTOR = "lyss-actor";
    public static final String CORRELATION_ID = "lyss-correlation-id";

    public MetaData asMetaData() {
        return MetaData.from(Map.of(ACTOR, actor.asText(), CORRELATION_ID, correlationId));
    }
}

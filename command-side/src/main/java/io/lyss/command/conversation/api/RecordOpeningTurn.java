package io.lyss.command.conversation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the turn that opens its conversation (an OpenAI request, or a Dify message without a conversation id).
 * The conversation is created without being looked up first, which spares the event store two reads per turn.
 * Sent only when the orchestrator has just made the conversation up; a second delivery of the same turn finds the
 * conversation stored and fails, and is then recorded (once) as a plain {@link RecordTurn}.
 */
public record RecordOpeningTurn(RecordTurn turn) {

    @TargetAggregateIdentifier
    public String conversationId() {
        return turn.conversationId();
    }
}

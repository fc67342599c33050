package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import java.util.List;

/** The state one run passes from node to node: the prompt as the nodes shape it, and the answer once there. */
final class RunState {

    private final ChatTurn turn;
    private final AnswerSink sink;
    private UpstreamCaller.Prompt prompt;
    private CachedAnswer cachedAnswer;
    private UpstreamOutcome outcome;

    RunState(ChatTurn turn, AnswerSink sink) {
        this.turn = turn;
        this.sink = sink;
        this.prompt = turn.prompt();
    }

    ChatTurn turn() {
        return turn;
    }

    AnswerSink sink() {
        return sink;
    }

    UpstreamCaller.Prompt prompt() {
        return prompt;
    }

    void replaceMessages(List<PromptMessage> messages) {
        prompt = new UpstreamCaller.Prompt(
                prompt.model(), messages, prompt.temperature(), prompt.topP(), prompt.maxTokens(), prompt.stop());
    }

    CachedAnswer cachedAnswer() {
        return cachedAnswer;
    }

    void answeredFrom(CachedAnswer cached, UpstreamOutcome served) {
        this.cachedAnswer = cached;
        this.outcome = served;
    }

    UpstreamOutcome outcome() {
        return outcome;
    }

    void answered(UpstreamOutcome upstreamOutcome) {
        this.outcome = upstreamOutcome;
    }
}

package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.openai.OpenAiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns and sinks for workflow tests. */
final class Turns {

    private Turns() {}

    static ChatTurn turn(String endUser, List<PromptMessage> messages) {
        return new ChatTurn(
                "dify",
                "conv_1",
                true,
                "turn_1",
                "run_1",
                new KeyGrant("key_1", "ws_1", Set.of()),
                new UpstreamCaller.Prompt("m", messages, null, null, null, List.of()),
                ChatTurn.lastUserMessage(messages),
                endUser,
                List.of(),
                "{}",
                false,
                System.nanoTime(),
                null);
    }

    static ChatTurn turn(String endUser) {
        return turn(endUser, List.of(new PromptMessage("user", "Where do I live?")));
    }

    /** Remembers what it was given. */
    static final class RecordingSink implements AnswerSink {
        final List<String> tokens = new ArrayList<>();
        String finished;
        TokenCounts usage;

        @Override
        public boolean token(String text) {
            tokens.add(text);
            return true;
        }

        @Override
        public boolean started() {
            return !tokens.isEmpty();
        }

        @Override
        public void finish(String text, String finishReason, TokenCounts counts) {
            finished = text;
            usage = counts;
        }

        @Override
        public void fail(OpenAiError error) {
            throw error;
        }
    }
}

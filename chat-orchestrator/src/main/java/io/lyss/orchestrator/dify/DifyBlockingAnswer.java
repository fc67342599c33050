package io.lyss.orchestrator.dify;

import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.openai.OpenAiError;

/** Collects nothing while a blocking answer is produced: the whole answer is sent once the run is over. */
final class DifyBlockingAnswer implements AnswerSink {

    private volatile OpenAiError failure;

    @Override
    public boolean token(String text) {
        return true;
    }

    @Override
    public boolean started() {
        return false;
    }

    @Override
    public void finish(String text, String finishReason, TokenCounts usage) {
        // the answer is in the run's outcome
    }

    @Override
    public void fail(OpenAiError error) {
        failure = error;
    }

    OpenAiError failure() {
        return failure;
    }
}

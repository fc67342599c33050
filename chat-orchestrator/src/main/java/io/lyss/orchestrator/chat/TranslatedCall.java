package io.lyss.orchestrator.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.routing.ProviderClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a channel through a LangChain4j streaming model, translating the prompt into the provider's protocol and
 * its answer back into tokens for the sink (Anthropic, and any client that is not an OpenAI relay, e.g. Dify). An
 * OpenAI request with tools reaches Anthropic through {@link AnthropicToolRequest}; the tool calls it answers with go
 * to the sink as they stream.
 */
final class TranslatedCall {

    private final ProviderClients clients;
    private final TokenEstimator estimator;
    private final Duration firstTokenTimeout;
    private final Duration answerTimeout;

    TranslatedCall(
            ProviderClients clients, TokenEstimator estimator, Duration firstTokenTimeout, Duration answerTimeout) {
        this.clients = clients;
        this.estimator = estimator;
        this.firstTokenTimeout = firstTokenTimeout;
        this.answerTimeout = answerTimeout;
    }

    AttemptResult attempt(ChannelRoute channel, UpstreamCaller.Prompt prompt, AnswerSink sink) {
        StreamingAttempt attempt = new StreamingAttempt(sink);
        ChatResponse response;
        try {
            String upstreamModel = channel.upstreamModelFor(prompt.model());
            clients.clientFor(channel)
                    .chat(
                            carriesTools(channel, prompt)
                                    ? AnthropicToolRequest.of(prompt, upstreamModel)
                                    : toChatRequest(prompt, upstreamModel),
                            attempt);
            if (!attempt.firstToken().isDone()) {
                attempt.firstToken().get(firstTokenTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            response = attempt.result().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (attempt.abandonUnlessStarted()) {
                return new AttemptResult.Failed(statusOf(cause), describe(cause));
            }
            sink.fail(OpenAiError.upstreamFailedMidStream());
            return partial(channel, prompt, attempt, "error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return partial(channel, prompt, attempt, "aborted");
        }
        return finished(channel, prompt, attempt, response, sink);
    }

    private AttemptResult finished(
            ChannelRoute channel,
            UpstreamCaller.Prompt prompt,
            StreamingAttempt attempt,
            ChatResponse response,
            AnswerSink sink) {
        if (attempt.clientGone()) {
            return partial(channel, prompt, attempt, "aborted");
        }
        String answer = response.aiMessage() != null && response.aiMessage().text() != null
                ? response.aiMessage().text()
                : attempt.text();
        if (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()) {
            attempt.deliverUnstreamedToolCalls(response.aiMessage().toolExecutionRequests());
        }
        TokenUsage usage = response.tokenUsage();
        TokenCounts counts = usage == null || usage.inputTokenCount() == null
                ? estimate(prompt, answer)
                : new TokenCounts(
                        usage.inputTokenCount(),
                        usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                        0,
                        false);
        String finishReason = openAiFinishReason(response.finishReason());
        sink.finish(answer, finishReason, counts);
        return new AttemptResult.Answered(
                new UpstreamOutcome(channel.channelId(), answer, finishReason, counts, attempt.firstTokenNanos()));
    }

    private AttemptResult partial(
            ChannelRoute channel, UpstreamCaller.Prompt prompt, StreamingAttempt attempt, String reason) {
        String answer = attempt.text();
        return new AttemptResult.Answered(new UpstreamOutcome(
                channel.channelId(), answer, reason, estimate(prompt, answer), attempt.firstTokenNanos()));
    }

    /**
     * True when this channel takes the request's tools through LangChain4j (Anthropic), so that a request with
     * tools, tool calls or tool results need not go to an OpenAI-compatible channel.
     */
    static boolean carriesTools(ChannelRoute channel, UpstreamCaller.Prompt prompt) {
        return channel.provider() == ProviderType.ANTHROPIC
                && prompt.openAiOnly()
                && prompt.openAiBody() != null
                && AnthropicToolRequest.translatable(prompt.openAiBody());
    }

    private TokenCounts estimate(UpstreamCaller.Prompt prompt, String answer) {
        return new TokenCounts(estimator.prompt(prompt.messages()), estimator.text(answer), 0, true);
    }

    private static ChatRequest toChatRequest(UpstreamCaller.Prompt prompt, String upstreamModel) {
        List<ChatMessage> messages =
                prompt.messages().stream().map(TranslatedCall::toChatMessage).toList();
        return ChatRequest.builder()
                .modelName(upstreamModel)
                .messages(messages)
                .temperature(prompt.temperature())
                .topP(prompt.topP())
                .maxOutputTokens(prompt.maxTokens())
                .stopSequences(prompt.stop().isEmpty() ? null : prompt.stop())
                .build();
    }

    private static ChatMessage toChatMessage(PromptMessage message) {
        return switch (message.role()) {
            case "system", "developer" -> SystemMessage.from(message.text());
            case "assistant" -> AiMessage.from(message.text());
            default -> UserMessage.from(message.text());
        };
    }

    private static String openAiFinishReason(FinishReason reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            case STOP, OTHER -> "stop";
        };
    }

    /** The upstream's HTTP status where known; 0 for timeouts and connection failures. */
    private static int statusOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return 0;
    }

    /** The failure's kind and HTTP status where known: never its message, which may quote provider responses. */
    private static String describe(Throwable failure) {
        int status = statusOf(failure);
        return failure.getClass().getSimpleName() + (status > 0 ? " (HTTP " + status + ")" : "");
    }
}

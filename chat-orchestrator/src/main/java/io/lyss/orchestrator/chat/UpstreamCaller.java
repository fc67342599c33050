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
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.routing.ProviderClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the ordered channels until one answers. A channel that fails before anything reached the client is
 * skipped for the next; once the client has received a token there is no retry, and the failure is reported in
 * the stream.
 */
public final class UpstreamCaller {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamCaller.class);

    private final ProviderClients clients;
    private final TokenEstimator estimator;
    private final Duration answerTimeout;

    public UpstreamCaller(ProviderClients clients, TokenEstimator estimator, Duration answerTimeout) {
        this.clients = clients;
        this.estimator = estimator;
        this.answerTimeout = answerTimeout;
    }

    /** A prompt for one model, with the sampling parameters the client asked for. */
    public record Prompt(
            String model,
            List<PromptMessage> messages,
            Double temperature,
            Double topP,
            Integer maxTokens,
            List<String> stop) {}

    public UpstreamOutcome call(List<ChannelRoute> orderedChannels, Prompt prompt, AnswerSink sink) {
        for (ChannelRoute channel : orderedChannels) {
            ChatRequest request = toChatRequest(prompt, channel.upstreamModelFor(prompt.model()));
            StreamingAttempt attempt = new StreamingAttempt(sink);
            ChatResponse response;
            try {
                clients.clientFor(channel).chat(request, attempt);
                response = attempt.result().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                LOG.warn("Channel {} failed for model {}: {}", channel.channelId(), prompt.model(), describe(cause));
                if (!sink.started()) {
                    continue;
                }
                sink.fail(OpenAiError.upstreamFailedMidStream());
                return partial(channel, prompt, attempt, "error");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return partial(channel, prompt, attempt, "aborted");
            }
            // Outside the retry loop's reach: whatever happens while finishing, this channel has answered.
            return finished(channel, prompt, attempt, response, sink);
        }
        throw OpenAiError.upstreamUnavailable(prompt.model());
    }

    private UpstreamOutcome finished(
            ChannelRoute channel, Prompt prompt, StreamingAttempt attempt, ChatResponse response, AnswerSink sink) {
        if (attempt.clientGone()) {
            return partial(channel, prompt, attempt, "aborted");
        }
        String answer = response.aiMessage() != null && response.aiMessage().text() != null
                ? response.aiMessage().text()
                : attempt.text();
        TokenUsage usage = response.tokenUsage();
        TokenCounts counts = usage == null || usage.inputTokenCount() == null
                ? estimate(prompt, answer)
                : new TokenCounts(usage.inputTokenCount(), orZero(usage.outputTokenCount()), 0, false);
        String finishReason = openAiFinishReason(response.finishReason());
        sink.finish(answer, finishReason, counts);
        return new UpstreamOutcome(channel.channelId(), answer, finishReason, counts, attempt.firstTokenNanos());
    }

    private UpstreamOutcome partial(ChannelRoute channel, Prompt prompt, StreamingAttempt attempt, String reason) {
        String answer = attempt.text();
        return new UpstreamOutcome(
                channel.channelId(), answer, reason, estimate(prompt, answer), attempt.firstTokenNanos());
    }

    private TokenCounts estimate(Prompt prompt, String answer) {
        return new TokenCounts(estimator.prompt(prompt.messages()), estimator.text(answer), 0, true);
    }

    private static ChatRequest toChatRequest(Prompt prompt, String upstreamModel) {
        List<ChatMessage> messages =
                prompt.messages().stream().map(UpstreamCaller::toChatMessage).toList();
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

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** The failure's kind and HTTP status where known: never its message, which may quote provider responses. */
    private static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return failure.getClass().getSimpleName() + " (HTTP " + http.statusCode() + ")";
            }
        }
        return failure.getClass().getSimpleName();
    }
}

package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.routing.CircuitBreakers;
import io.lyss.orchestrator.routing.ProviderClients;
import io.lyss.orchestrator.routing.RoutingProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the ordered channels until one answers. Channels whose circuit is open go last. A channel failing with a
 * retryable error before anything reached the client is retried with backoff (unless that failure opened its
 * circuit: a failed half-open trial is one call), then skipped for the next; once
 * the client has received a chunk there is no retry, and a failure is reported in the stream. The happy path adds
 * no pause: backoff only ever follows a failure.
 *
 * <p>OpenAI-compatible channels answering an OpenAI client get the client's body and their answer is relayed as
 * received ({@link OpenAiRelay}); other combinations are translated through LangChain4j ({@link TranslatedCall}).
 */
public final class UpstreamCaller {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamCaller.class);

    private final OpenAiRelay relay;
    private final TranslatedCall translated;
    private final RetryPolicy retries;
    private final CircuitBreakers breakers;

    UpstreamCaller(OpenAiRelay relay, TranslatedCall translated, RetryPolicy retries, CircuitBreakers breakers) {
        this.relay = relay;
        this.translated = translated;
        this.retries = retries;
        this.breakers = breakers;
    }

    /**
     * @param answerTimeout how long a whole answer may take
     * @param breakers this instance's circuit breakers, one per channel
     */
    public static UpstreamCaller create(
            ProviderClients clients,
            ObjectMapper json,
            RoutingProperties routing,
            Duration answerTimeout,
            CircuitBreakers breakers) {
        var estimator = new TokenEstimator();
        return new UpstreamCaller(
                new OpenAiRelay(
                        clients, json, estimator, routing.connectTimeout(), routing.firstTokenTimeout(), answerTimeout),
                new TranslatedCall(clients, estimator, routing.firstTokenTimeout(), answerTimeout),
                new RetryPolicy(routing.attemptsPerChannel(), routing.firstBackoff(), routing.maxBackoff()),
                breakers);
    }

    /**
     * A prompt for one model, with the sampling parameters the client asked for.
     *
     * @param openAiBody the client's OpenAI request body, relayed as is to OpenAI-compatible channels; null when the
     *     client does not speak OpenAI
     * @param openAiOnly true when the request uses fields only an OpenAI-compatible channel can honour
     */
    public record Prompt(
            String model,
            List<PromptMessage> messages,
            Double temperature,
            Double topP,
            Integer maxTokens,
            List<String> stop,
            ObjectNode openAiBody,
            boolean openAiOnly) {

        public Prompt(
                String model,
                List<PromptMessage> messages,
                Double temperature,
                Double topP,
                Integer maxTokens,
                List<String> stop) {
            this(model, messages, temperature, topP, maxTokens, stop, null, false);
        }

        /**
         * What the provider reads as prompt, for a budget's reservation: the messages, plus the tool and function
         * definitions of an OpenAI body (they are charged as prompt tokens too), as one more part.
         */
        public List<PromptMessage> chargedParts() {
            if (openAiBody == null || !(openAiBody.hasNonNull("tools") || openAiBody.hasNonNull("functions"))) {
                return messages; // most requests: nothing to copy or serialise on the request path
            }
            List<PromptMessage> parts = new ArrayList<>(messages);
            for (String field : List.of("tools", "functions")) {
                if (openAiBody.hasNonNull(field)) {
                    parts.add(new PromptMessage(field, openAiBody.get(field).toString()));
                }
            }
            return parts;
        }

        /**
         * The same prompt with another completion-token cap (e.g. what a budget reserved); a relayed body says the
         * same cap in the field the client used.
         */
        public Prompt withMaxTokens(Integer cap) {
            if (Objects.equals(cap, maxTokens)) {
                return this;
            }
            ObjectNode body = openAiBody;
            if (body != null && cap != null) {
                body = body.deepCopy();
                body.put(body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens", cap);
            }
            return new Prompt(model, messages, temperature, topP, cap, stop, body, openAiOnly);
        }
    }

    public UpstreamOutcome call(List<ChannelRoute> orderedChannels, Prompt prompt, AnswerSink sink) {
        boolean anyCapable = false;
        for (ChannelRoute channel : breakers.healthyFirst(orderedChannels)) {
            boolean relayed = relays(channel, prompt, sink);
            if (prompt.openAiOnly() && !relayed && !TranslatedCall.carriesTools(channel, prompt)) {
                continue;
            }
            anyCapable = true;
            switch (callWithRetries(channel, prompt, sink, relayed)) {
                case AttemptResult.Answered answered -> {
                    return answered.outcome();
                }
                case AttemptResult.Refused refused ->
                    throw OpenAiError.refusedUpstream(
                            refused.type(), refused.code(), refused.param(), refused.message());
                case AttemptResult.Failed failed -> {
                    // fall back to the next channel
                }
            }
        }
        if (!anyCapable) {
            throw OpenAiError.invalidRequest(
                    null,
                    "The channels serving '" + prompt.model()
                            + "' cannot honour tools, n, logprobs, response_format or non-text content.");
        }
        throw OpenAiError.upstreamUnavailable(prompt.model());
    }

    private AttemptResult callWithRetries(ChannelRoute channel, Prompt prompt, AnswerSink sink, boolean relayed) {
        for (int attempt = 1; ; attempt++) {
            AttemptResult result = relayed
                    ? relay.attempt(channel, prompt, (OpenAiRelaySink) sink)
                    : translated.attempt(channel, prompt, sink);
            if (result instanceof AttemptResult.Answered answered) {
                if ("error".equals(answered.outcome().finishReason())) {
                    breakers.failed(channel, "failed while answering");
                } else {
                    breakers.succeeded(channel);
                }
            }
            if (!(result instanceof AttemptResult.Failed failed)) {
                return result;
            }
            LOG.warn(
                    "Channel {} failed for model {} (attempt {}): {}",
                    channel.channelId(),
                    prompt.model(),
                    attempt,
                    failed.reason());
            breakers.failed(channel, failed.reason());
            // a channel whose circuit this failure opened (or a failed trial re-opened) is not retried
            if (breakers.isOpen(channel.channelId())
                    || !retries.retries(failed, attempt)
                    || !pause(retries.backoffAfter(attempt))) {
                return failed;
            }
        }
    }

    private static boolean relays(ChannelRoute channel, Prompt prompt, AnswerSink sink) {
        return prompt.openAiBody() != null
                && sink instanceof OpenAiRelaySink
                && channel.provider() != ProviderType.ANTHROPIC;
    }

    private static boolean pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

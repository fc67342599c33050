package io.lyss.orchestrator.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.commandside.CommandSideApi;
import io.lyss.orchestrator.governance.ChannelRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the channel's aggregate on the command side for the trial claim
 * ({@code POST /internal/v1/channel-circuits/trial-claims}, internal token), off the request thread. When the command
 * side cannot answer, the future fails and the instance makes its own trial, as before ADR 0034.
 */
public final class CommandSideTrialClaims implements TrialClaims {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSideTrialClaims.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private static final String PATH = "/internal/v1/channel-circuits/trial-claims";

    private final CommandSideApi commandSide;
    private final ObjectMapper json;
    private final String instanceId;
    private final Duration openFor;
    private final Duration claimFor;

    /**
     * @param openFor this instance's {@code circuit-open-for}
     * @param claimFor how long a granted claim holds if this instance never reports the trial's outcome
     */
    public CommandSideTrialClaims(
            CommandSideApi commandSide, ObjectMapper json, String instanceId, Duration openFor, Duration claimFor) {
        this.commandSide = commandSide;
        this.json = json;
        this.instanceId = instanceId;
        this.openFor = openFor;
        this.claimFor = claimFor;
    }

    @Override
    public CompletableFuture<Decision> claim(ChannelRoute channel) {
        return commandSide
                .postAsync(PATH, body(channel), ANSWER_TIMEOUT)
                .thenApply(response -> decision(channel, response))
                .whenComplete((decision, failure) -> {
                    if (failure != null) {
                        LOG.warn(
                                "No trial claim for channel {} ({}): this instance makes its own trial",
                                channel.channelId(),
                                failure.getClass().getSimpleName());
                    }
                });
    }

    private byte[] body(ChannelRoute channel) {
        return commandSide.body(
                Map.of(
                        "channelId", channel.channelId(),
                        "workspaceId", channel.workspaceId(),
                        "instanceId", instanceId,
                        "openForMillis", openFor.toMillis(),
                        "claimForMillis", claimFor.toMillis()),
                "a trial claim");
    }

    private Decision decision(ChannelRoute channel, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The command side answered HTTP " + response.statusCode() + " for channel " + channel.channelId());
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var verdict = Decision.Verdict.valueOf(answer.path("verdict").asText().toUpperCase(Locale.ROOT));
        long until = answer.path("untilEpochMillis").asLong();
        return new Decision(verdict, until > 0 ? Instant.ofEpochMilli(until) : null);
    }
}

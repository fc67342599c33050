package io.lyss.command.ratelimit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lyss.command.eventstore.EventStoreConfiguration;
import io.lyss.command.ratelimit.api.GrantRateLimitAllowance;
import io.lyss.command.ratelimit.api.GrantedAllowance;
import io.lyss.command.ratelimit.api.RateLimitExhaustedException;
import io.lyss.command.ratelimit.api.SetRateLimit;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.RateLimitSet;
import io.lyss.events.usage.RateLimitAllowanceGranted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Requests and tokens per minute for a scope, shared by every orchestrator instance: each minute's limit is handed
 * out in allowances, and the sum of allowances in a minute never exceeds the limit.
 */
@Aggregate(
        snapshotTriggerDefinition = RateLimitConfiguration.SNAPSHOT_TRIGGER,
        cache = EventStoreConfiguration.HOT_AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
class RateLimit {

    @AggregateIdentifier
    private String rateLimitId;

    private String workspaceId;
    private Long requestsPerMinute;
    private Long tokensPerMinute;
    private long window = Long.MIN_VALUE;
    private long grantedRequests;
    private long grantedTokens;

    RateLimit() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetRateLimit command) {
        if (rateLimitId != null && !workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("rate limit", command.rateLimitId());
        }
        if (isNegative(command.requestsPerMinute()) || isNegative(command.tokensPerMinute())) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
        apply(new RateLimitSet(
                command.rateLimitId(),
                command.workspaceId(),
                command.scope(),
                command.scopeId(),
                command.requestsPerMinute(),
                command.tokensPerMinute()));
    }

    @CommandHandler
    GrantedAllowance handle(GrantRateLimitAllowance command) {
        if (!workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("rate limit", rateLimitId);
        }
        if (command.epochMinute() < window) {
            throw new RateLimitExhaustedException("That minute is over.");
        }
        boolean sameWindow = command.epochMinute() == window;
        long requests = grantable(
                requestsPerMinute,
                sameWindow ? grantedRequests : 0,
                command.minRequests(),
                command.desiredRequests(),
                "requests");
        long tokens = grantable(
                tokensPerMinute,
                sameWindow ? grantedTokens : 0,
                command.minTokens(),
                command.desiredTokens(),
                "tokens");
        apply(new RateLimitAllowanceGranted(
                rateLimitId, workspaceId, command.instanceId(), command.epochMinute(), requests, tokens));
        return new GrantedAllowance(requests, tokens);
    }

    private static long grantable(Long limit, long granted, long minimum, long desired, String measure) {
        if (limit == null) {
            return 0;
        }
        long free = limit - granted;
        if (free < Math.max(minimum, 1)) {
            throw new RateLimitExhaustedException("The limit of " + limit + " " + measure + " per minute is reached.");
        }
        return Math.min(Math.max(desired, minimum), free);
    }

    private static boolean isNegative(Long value) {
        return value != null && value < 0;
    }

    @EventSourcingHandler
    void on(RateLimitSet event) {
        rateLimitId = event.rateLimitId();
        workspaceId = event.workspaceId();
        requestsPerMinute = event.requestsPerMinute();
        tokensPerMinute = event.tokensPerMinute();
    }

    @EventSourcingHandler
    void on(RateLimitAllowanceGranted event) {
        if (event.windowStartEpochMinute() != window) {
            window = event.windowStartEpochMinute();
            grantedRequests = 0;
            grantedTokens = 0;
        }
        grantedRequests += event.requests();
        grantedTokens += event.tokens();
    }
}

package io.lyss.orchestrator.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How channels are called, retried and set aside.
 *
 * @param connectTimeout how long connecting to a channel may take
 * @param firstTokenTimeout how long a streaming channel may take to send its first chunk before the next attempt
 *     (a non-streaming answer is bounded by {@code lyss.orchestrator.upstream-timeout})
 * @param attemptsPerChannel calls to one channel, retries included, before falling back to the next
 * @param firstBackoff pause before the first retry; doubled for each further one, up to {@code maxBackoff}
 * @param circuitFailureThreshold consecutive failures that open a channel's circuit
 * @param circuitOpenFor how long an open circuit keeps the channel at the back of the order
 * @param circuitTrialClaimFor how long the other instances wait for the outcome of one instance's trial call after an
 *     open period, if that instance never reports it (e.g. it stopped); then another instance may probe
 */
@ConfigurationProperties("lyss.orchestrator.routing")
public record RoutingProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration firstTokenTimeout,
        @DefaultValue("2") int attemptsPerChannel,
        @DefaultValue("100ms") Duration firstBackoff,
        @DefaultValue("2s") Duration maxBackoff,
        @DefaultValue("5") int circuitFailureThreshold,
        @DefaultValue("30s") Duration circuitOpenFor,
        @DefaultValue("60s") Duration circuitTrialClaimFor) {}

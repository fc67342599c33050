package io.lyss.memory.feed;

import io.lyss.events.EventEnvelope;
import io.lyss.events.LyssEvent;

/** An event handed to a {@link Projection}: its envelope and decoded payload. */
public record FedEvent(EventEnvelope envelope, LyssEvent payload) {}

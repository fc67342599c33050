package io.lyss.query.projection;

import io.lyss.events.EventEnvelope;
import io.lyss.events.LyssEvent;

/** An event handed to a projection: its envelope and its decoded payload. */
public record ProjectedEvent(EventEnvelope envelope, LyssEvent payload) {}

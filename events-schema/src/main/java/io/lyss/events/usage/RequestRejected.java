package io.lyss.events.usage;

import io.lyss.events.LyssEvent;

/**
 * A request was refused before any provider was called.
 *
 * @param keyId the key that asked; null when the key was unknown
 * @param httpStatus the status the client received, e.g. 429
 * @param code the protocol's error code, e.g. {@code insufficient_quota} or {@code rate_limit_exceeded}
 * @param reason a short human-readable reason, never containing a secret
 */
public record RequestRejected(
        String requestId, String workspaceId, String keyId, String model, int httpStatus, String code, String reason)
        implements LyssEvent {}

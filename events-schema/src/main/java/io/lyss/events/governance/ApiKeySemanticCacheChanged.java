package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * Whether every request of a virtual key may be answered from the semantic cache changed. When on, the key's
 * requests accept a similar earlier question's answer unless the request says {@code X-Lyss-Cache: off}; when off,
 * a request must opt in itself.
 */
public record ApiKeySemanticCacheChanged(String keyId, String workspaceId, boolean semanticCache)
        implements LyssEvent {}

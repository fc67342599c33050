package io.lyss.orchestrator.governance;

import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.security.keys.VirtualKeys;
import java.time.Instant;

/**
 * Recognises a virtual key from an {@code Authorization} header, against the in-memory {@link GovernanceView}; an
 * expired key is refused like an unknown one.
 */
public final class KeyAuthenticator {

    private final GovernanceView view;

    public KeyAuthenticator(GovernanceView view) {
        this.view = view;
    }

    public KeyGrant authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OpenAiError.invalidApiKey();
        }
        String presented = authorizationHeader.substring(7).trim();
        if (!presented.startsWith(VirtualKeys.KEY_PREFIX)) {
            throw OpenAiError.invalidApiKey();
        }
        KeyGrant grant = view.grantFor(VirtualKeys.hash(presented)).orElseThrow(OpenAiError::invalidApiKey);
        if (grant.isExpiredAt(Instant.now())) {
            throw OpenAiError.invalidApiKey();
        }
        return grant;
    }
}

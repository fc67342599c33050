package io.lyss.security.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Secrets shared by Lyss processes, from the environment ({@code LYSS_SECURITY_*}).
 *
 * @param masterKey base64 of the 32-byte AES key that seals provider secrets
 * @param adminToken bearer token of the bootstrap administrator ({@code /admin/**})
 * @param internalToken bearer token services use to call each other ({@code /internal/**})
 * @param previousMasterKeys comma-separated base64 master keys that sealed secrets before the current one; they
 *     only open secrets, until an administrator re-seals everything under the current key
 * @param sessionLifetime how long a login token holds (default 8 hours)
 */
@ConfigurationProperties("lyss.security")
public record SecurityProperties(
        String masterKey,
        String adminToken,
        String internalToken,
        String previousMasterKeys,
        @DefaultValue("PT8H") Duration sessionLifetime) {

    @ConstructorBinding
    public SecurityProperties {
        // bound from configuration
    }

    /** The three secrets of the first releases; no previous master keys, 8-hour sessions. */
    public SecurityProperties(String masterKey, String adminToken, String internalToken) {
        this(masterKey, adminToken, internalToken, null, Duration.ofHours(8));
    }

    @Override
    public String toString() {
        return "SecurityProperties[secrets redacted]";
    }
}

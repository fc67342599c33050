package io.lyss.security.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secrets shared by Lyss processes, from the environment ({@code LYSS_SECURITY_*}).
 *
 * @param masterKey base64 of the 32-byte AES key that seals provider secrets
 * @param adminToken bearer token of the bootstrap administrator ({@code /admin/**})
 * @param internalToken bearer token services use to call each other ({@code /internal/**})
 */
@ConfigurationProperties("lyss.security")
public record SecurityProperties(String masterKey, String adminToken, String internalToken) {

    @Override
    public String toString() {
        return "SecurityProperties[secrets redacted]";
    }
}

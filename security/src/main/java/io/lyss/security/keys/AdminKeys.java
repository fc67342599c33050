package io.lyss.security.keys;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Admin API keys for automation: {@code lyss-ak-} followed by 256 random bits, shown once and kept only as their
 * SHA-256 and a visible prefix, like virtual keys. The distinct prefix keeps the two kinds from being confused.
 */
public final class AdminKeys {

    /** Every admin API key starts with this. */
    public static final String KEY_PREFIX = "lyss-ak-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminKeys() {}

    public static VirtualKeys.IssuedKey issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new VirtualKeys.IssuedKey(key, VirtualKeys.hash(key), key.substring(0, KEY_PREFIX.length() + 6));
    }
}

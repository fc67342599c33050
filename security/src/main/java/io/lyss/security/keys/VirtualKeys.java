package io.lyss.security.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Virtual keys: {@code lyss-sk-} followed by 256 random bits. A key is shown once; afterwards only its SHA-256
 * (enough for a high-entropy key, unlike a password) and a short visible prefix are kept.
 */
public final class VirtualKeys {

    /** Every virtual key starts with this. */
    public static final String KEY_PREFIX = "lyss-sk-";

    private static final int VISIBLE_CHARS = KEY_PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VirtualKeys() {}

    /** A freshly generated key, with what may be stored of it. */
    public record IssuedKey(String plainKey, String hash, String visiblePrefix) {
        @Override
        public String toString() {
            return "IssuedKey[" + visiblePrefix + "…]";
        }
    }

    public static IssuedKey issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new IssuedKey(key, hash(key), key.substring(0, VISIBLE_CHARS));
    }

    /** Hex SHA-256 of a presented key, the form under which keys are looked up. */
    public static String hash(String presentedKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(presentedKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

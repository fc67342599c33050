package io.lyss.security.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals provider secrets, given to every process that needs it through the environment
 * ({@code LYSS_SECURITY_MASTER_KEY}, base64 of 32 bytes). Its id, derived from the key, names it in sealed
 * secrets so that keys can be rotated.
 */
public final class MasterKey {

    private final String id;
    private final SecretKey key;

    private MasterKey(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.id = "mk-" + HexFormat.of().formatHex(sha256(keyBytes), 0, 4);
    }

    /** Reads a master key from its base64 form; the message never repeats the input. */
    public static MasterKey fromBase64(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The master key is not valid base64 of 32 bytes");
        }
    }

    /** A key for another purpose (e.g. signing session tokens), derived one-way from this one. */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return id;
    }

    SecretKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("lyss-master-key-id".getBytes(StandardCharsets.UTF_8));
            return digest.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

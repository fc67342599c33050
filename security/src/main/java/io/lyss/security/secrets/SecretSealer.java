package io.lyss.security.secrets;

import io.lyss.events.governance.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens provider secrets with AES-GCM under the {@link MasterKey}. The owner's id (e.g. a channel id)
 * is bound as associated data, so a sealed secret copied onto another channel does not open. Seals under the current
 * master key; opens under it or any previous key still configured, so that secrets can be re-sealed after a
 * master-key rotation.
 */
public final class SecretSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;
    private final Map<String, MasterKey> openers = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public SecretSealer(MasterKey masterKey) {
        this(masterKey, List.of());
    }

    /** @param previous master keys that sealed secrets earlier and still open them, until those are re-sealed */
    public SecretSealer(MasterKey masterKey, List<MasterKey> previous) {
        this.masterKey = masterKey;
        openers.put(masterKey.id(), masterKey);
        previous.forEach(key -> openers.putIfAbsent(key.id(), key));
    }

    /** Id of the master key new secrets are sealed under. */
    public String currentKeyId() {
        return masterKey.id();
    }

    /** The same secret sealed under the current master key (a fresh nonce), e.g. after a master-key rotation. */
    public SealedSecret reseal(SealedSecret sealed, String ownerId) {
        return seal(open(sealed, ownerId), ownerId);
    }

    public SealedSecret seal(String plain, String ownerId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = run(masterKey, Cipher.ENCRYPT_MODE, nonce, ownerId, plain.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return new SealedSecret(masterKey.id(), base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    }

    /** Opens a sealed secret; fails without revealing anything when the key, owner or bytes do not match. */
    public String open(SealedSecret sealed, String ownerId) {
        MasterKey opener = openers.get(sealed.masterKeyId());
        if (opener == null) {
            throw new SecretUnavailableException(
                    "sealed under master key " + sealed.masterKeyId() + ", but this process holds " + openers.keySet());
        }
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] plain = run(
                opener,
                Cipher.DECRYPT_MODE,
                base64.decode(sealed.nonce()),
                ownerId,
                base64.decode(sealed.ciphertext()));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private static byte[] run(MasterKey key, int mode, byte[] nonce, String ownerId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new SecretUnavailableException("the sealed secret does not open with this key and owner");
        }
    }
}

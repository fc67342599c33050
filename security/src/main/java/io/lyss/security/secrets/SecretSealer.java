package io.lyss.security.secrets;

import io.lyss.events.governance.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens provider secrets with AES-GCM under the {@link MasterKey}. The owner's id (e.g. a channel id)
 * is bound as associated data, so a sealed secret copied onto another channel does not open.
 */
public final class SecretSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretSealer(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    public SealedSecret seal(String plain, String ownerId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, nonce, ownerId, plain.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return new SealedSecret(masterKey.id(), base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    }

    /** Opens a sealed secret; fails without revealing anything when the key, owner or bytes do not match. */
    public String open(SealedSecret sealed, String ownerId) {
        if (!masterKey.id().equals(sealed.masterKeyId())) {
            throw new SecretUnavailableException(
                    "sealed under master key " + sealed.masterKeyId() + ", but this process holds " + masterKey.id());
        }
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] plain =
                run(Cipher.DECRYPT_MODE, base64.decode(sealed.nonce()), ownerId, base64.decode(sealed.ciphertext()));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String ownerId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, masterKey.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new SecretUnavailableException("the sealed secret does not open with this key and owner");
        }
    }
}

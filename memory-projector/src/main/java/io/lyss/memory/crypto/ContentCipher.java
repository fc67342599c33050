package io.lyss.memory.crypto;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventJson;
import io.lyss.events.memory.EncryptedContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts memory content with the end user's data key (AES-GCM). The memory id and scope are bound as
 * associated data, so ciphertext copied onto another memory, user or workspace does not open.
 */
public final class ContentCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataKeys keys;
    private final ObjectMapper json = EventJson.newMapper();
    private final SecureRandom random = new SecureRandom();

    public ContentCipher(DataKeys keys) {
        this.keys = keys;
    }

    public EncryptedContent encrypt(String memoryId, String workspaceId, String userId, MemoryContent content) {
        DataKeys.DataKey key = keys.forUser(workspaceId, userId);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain;
        try {
            plain = json.writeValueAsBytes(Map.of("text", content.text(), "metadata", content.metadata()));
        } catch (IOException e) {
            throw new IllegalArgumentException("Memory metadata is not serializable", e);
        }
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, aad(memoryId, workspaceId, userId), plain);
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedContent(key.id(), base64.encodeToString(nonce), base64.encodeToString(sealed));
    }

    /** The content, or {@link ContentShreddedException} when the user's key was destroyed. */
    public MemoryContent decrypt(String memoryId, String workspaceId, String userId, EncryptedContent content) {
        DataKeys.DataKey key =
                keys.byId(content.dataKeyId()).orElseThrow(() -> new ContentShreddedException(content.dataKeyId()));
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] plain = run(
                Cipher.DECRYPT_MODE,
                key,
                base64.decode(content.nonce()),
                aad(memoryId, workspaceId, userId),
                base64.decode(content.ciphertext()));
        try {
            Map<String, Object> fields = json.readValue(plain, new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) fields.get("metadata");
            return new MemoryContent(String.valueOf(fields.get("text")), metadata);
        } catch (IOException e) {
            throw new IllegalStateException("Decrypted memory content is not JSON", e);
        }
    }

    private static byte[] aad(String memoryId, String workspaceId, String userId) {
        return (memoryId + "\n" + workspaceId + "\n" + userId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, DataKeys.DataKey key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Memory content does not open with its data key and scope");
        }
    }
}

package io.lyss.security.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.EncryptedContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The personal content of conversations sealed with AES-GCM under its subject's data key: a turn's question and
 * answer, a conversation's name, a feedback comment. What it belongs to (kind, record id, workspace, subject) is the
 * associated data, so ciphertext copied onto another record or subject does not open. Used by the command side to
 * seal and by every reader of conversation events to open.
 */
public final class ConversationContentCodec {

    /** The plain content of a turn. */
    public record Plain(String question, String answer) {}

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConversationContentCodec() {}

    public static EncryptedContent seal(
            String dataKeyId, SecretKey key, String turnId, String workspaceId, String subject, Plain plain) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("question", plain.question());
        fields.put("answer", plain.answer());
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext;
        try {
            ciphertext = run(
                    Cipher.ENCRYPT_MODE, key, nonce, aad(turnId, workspaceId, subject), JSON.writeValueAsBytes(fields));
        } catch (IOException e) {
            throw new IllegalStateException("Turn content is not serializable", e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedContent(dataKeyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    }

    /** Seals one text (a conversation name, a comment) of a record of some kind ({@code name}, {@code feedback}). */
    public static EncryptedContent sealText(
            String dataKeyId,
            SecretKey key,
            String kind,
            String recordId,
            String workspaceId,
            String subject,
            String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] aad = (kind + "\n" + recordId + "\n" + workspaceId + "\n" + subject).getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, key, nonce, aad, text.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedContent(dataKeyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    }

    /** Opens a text sealed by {@link #sealText}; fails when key, kind, record or subject do not match. */
    public static String openText(
            SecretKey key, EncryptedContent content, String kind, String recordId, String workspaceId, String subject) {
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] aad = (kind + "\n" + recordId + "\n" + workspaceId + "\n" + subject).getBytes(StandardCharsets.UTF_8);
        return new String(
                run(Cipher.DECRYPT_MODE, key, base64.decode(content.nonce()), aad, base64.decode(content.ciphertext())),
                StandardCharsets.UTF_8);
    }

    /** Opens the content of a turn with the key that sealed it; fails when key, turn or subject do not match. */
    public static Plain open(SecretKey key, TurnCompleted turn) {
        EncryptedContent content = turn.content();
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] plain = run(
                Cipher.DECRYPT_MODE,
                key,
                base64.decode(content.nonce()),
                aad(turn.turnId(), turn.workspaceId(), turn.subject()),
                base64.decode(content.ciphertext()));
        try {
            JsonNode fields = JSON.readTree(plain);
            return new Plain(text(fields.get("question")), text(fields.get("answer")));
        } catch (IOException e) {
            throw new IllegalStateException("Opened turn content is not JSON");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static byte[] aad(String turnId, String workspaceId, String subject) {
        return ("turn\n" + turnId + "\n" + workspaceId + "\n" + subject).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, SecretKey key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Turn content does not open with this data key and subject");
        }
    }
}

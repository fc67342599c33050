package io.lyss.command.personal;

import io.lyss.events.governance.SealedSecret;
import io.lyss.security.secrets.SecretSealer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The data keys that seal turn content, one per subject of a workspace, kept sealed under the master key in
 * {@code lyss_command.conversation_data_key}. Destroying a subject's keys shreds every turn sealed with them, in
 * the event store, on Kafka and in any backup.
 */
@Component
public final class ConversationDataKeys {

    /** A usable data key. */
    public record DataKey(String id, SecretKey key) {}

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, DataKey> bySubject = new ConcurrentHashMap<>();

    public ConversationDataKeys(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** The subject's key, created on first use. */
    public DataKey forSubject(String workspaceId, String subject) {
        DataKey cached = bySubject.get(scope(workspaceId, subject));
        if (cached != null) {
            return cached;
        }
        DataKey key = load(workspaceId, subject).orElseGet(() -> create(workspaceId, subject));
        bySubject.put(scope(workspaceId, subject), key);
        return key;
    }

    /** A key as stored (sealed under the master key); empty once destroyed. */
    public Optional<SealedSecret> sealed(String dataKeyId) {
        return jdbc
                .query(
                        "SELECT master_key_id, nonce, ciphertext FROM lyss_command.conversation_data_key WHERE data_key_id = ?",
                        (row, n) -> new SealedSecret(row.getString(1), row.getString(2), row.getString(3)),
                        dataKeyId)
                .stream()
                .findFirst();
    }

    /** Destroys the subject's keys; returns their ids. */
    public List<String> destroy(String workspaceId, String subject) {
        bySubject.remove(scope(workspaceId, subject));
        return jdbc.queryForList(
                "DELETE FROM lyss_command.conversation_data_key WHERE workspace_id = ? AND subject = ? RETURNING data_key_id",
                String.class,
                workspaceId,
                subject);
    }

    private Optional<DataKey> load(String workspaceId, String subject) {
        return jdbc
                .query(
                        """
                        SELECT data_key_id, master_key_id, nonce, ciphertext FROM lyss_command.conversation_data_key
                        WHERE workspace_id = ? AND subject = ?
                        """,
                        (row, n) -> open(
                                row.getString(1),
                                new SealedSecret(row.getString(2), row.getString(3), row.getString(4))),
                        workspaceId,
                        subject)
                .stream()
                .findFirst();
    }

    private DataKey create(String workspaceId, String subject) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = "ck_" + UUID.randomUUID().toString().replace("-", "");
        SealedSecret stored = sealer.seal(Base64.getEncoder().encodeToString(bytes), id);
        try {
            jdbc.update(
                    """
                    INSERT INTO lyss_command.conversation_data_key (data_key_id, workspace_id, subject, master_key_id, nonce, ciphertext)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    id,
                    workspaceId,
                    subject,
                    stored.masterKeyId(),
                    stored.nonce(),
                    stored.ciphertext());
        } catch (DuplicateKeyException e) {
            return load(workspaceId, subject).orElseThrow(() -> e); // another request created it first
        }
        return new DataKey(id, new SecretKeySpec(bytes, "AES"));
    }

    private DataKey open(String id, SealedSecret stored) {
        return new DataKey(id, new SecretKeySpec(Base64.getDecoder().decode(sealer.open(stored, id)), "AES"));
    }

    private static String scope(String workspaceId, String subject) {
        return workspaceId + "\n" + subject;
    }
}

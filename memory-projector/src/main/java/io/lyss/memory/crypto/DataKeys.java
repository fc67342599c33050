package io.lyss.memory.crypto;

import io.lyss.events.governance.SealedSecret;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One AES-256 data key per end user, kept in PostgreSQL sealed under the master key. Destroying a user's key
 * shreds every memory event that was encrypted with it, wherever copies of the log live.
 */
public final class DataKeys {

    /** A usable data key. */
    public record DataKey(String id, SecretKey key) {}

    private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, DataKey> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByUser = new ConcurrentHashMap<>();

    public DataKeys(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** The user's data key, created on first use. */
    public DataKey forUser(String workspaceId, String userId) {
        String cachedId = idByUser.get(scope(workspaceId, userId));
        if (cachedId != null && byId.containsKey(cachedId)) {
            return byId.get(cachedId);
        }
        return load(workspaceId, userId).orElseGet(() -> create(workspaceId, userId));
    }

    /** The key with this id; empty once it was destroyed. */
    public Optional<DataKey> byId(String dataKeyId) {
        DataKey cached = byId.get(dataKeyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<DataKey> found = jdbc.query(
                "SELECT data_key_id, master_key_id, nonce, ciphertext FROM lyss_memory.user_data_key WHERE data_key_id = ?",
                (row, n) ->
                        open(row.getString(1), new SealedSecret(row.getString(2), row.getString(3), row.getString(4))),
                dataKeyId);
        found.stream().filter(Objects::nonNull).forEach(key -> byId.put(key.id(), key));
        return found.stream().filter(Objects::nonNull).findFirst();
    }

    /** Destroys the user's data keys; returns their ids. */
    public List<String> destroy(String workspaceId, String userId) {
        List<String> ids = jdbc.queryForList(
                "DELETE FROM lyss_memory.user_data_key WHERE workspace_id = ? AND user_id = ? RETURNING data_key_id",
                String.class,
                workspaceId,
                userId);
        ids.forEach(byId::remove);
        idByUser.remove(scope(workspaceId, userId));
        return ids;
    }

    /** Forgets cached copies of keys another instance destroyed. */
    public void evict(List<String> dataKeyIds) {
        dataKeyIds.forEach(byId::remove);
        idByUser.values().removeIf(dataKeyIds::contains);
    }

    private Optional<DataKey> load(String workspaceId, String userId) {
        List<DataKey> found = jdbc.query(
                """
                SELECT data_key_id, master_key_id, nonce, ciphertext FROM lyss_memory.user_data_key
                WHERE workspace_id = ? AND user_id = ?
                """,
                (row, n) ->
                        open(row.getString(1), new SealedSecret(row.getString(2), row.getString(3), row.getString(4))),
                workspaceId,
                userId);
        if (!found.isEmpty() && found.getFirst() == null) {
            throw new DataKeyUnavailableException();
        }
        found.forEach(key -> remember(workspaceId, userId, key));
        return found.stream().findFirst();
    }

    private DataKey create(String workspaceId, String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = "dk_" + UUID.randomUUID().toString().replace("-", "");
        SealedSecret sealed = sealer.seal(Base64.getEncoder().encodeToString(bytes), id);
        try {
            jdbc.update(
                    """
                    INSERT INTO lyss_memory.user_data_key
                        (data_key_id, workspace_id, user_id, master_key_id, nonce, ciphertext)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    id,
                    workspaceId,
                    userId,
                    sealed.masterKeyId(),
                    sealed.nonce(),
                    sealed.ciphertext());
        } catch (DuplicateKeyException e) {
            return load(workspaceId, userId).orElseThrow(() -> e); // another thread created it first
        }
        DataKey key = new DataKey(id, new SecretKeySpec(bytes, "AES"));
        remember(workspaceId, userId, key);
        return key;
    }

    /** Opens a sealed data key; a key sealed under another master key is unusable, like a destroyed one. */
    private DataKey open(String id, SealedSecret sealed) {
        try {
            return new DataKey(id, new SecretKeySpec(Base64.getDecoder().decode(sealer.open(sealed, id)), "AES"));
        } catch (SecretUnavailableException e) {
            LOG.warn("Data key {} does not open with this master key; its content is unreadable here", id);
            return null;
        }
    }

    private void remember(String workspaceId, String userId, DataKey key) {
        byId.put(key.id(), key);
        idByUser.put(scope(workspaceId, userId), key.id());
    }

    private static String scope(String workspaceId, String userId) {
        return workspaceId + "\n" + userId;
    }
}

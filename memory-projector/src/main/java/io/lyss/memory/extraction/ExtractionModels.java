package io.lyss.memory.extraction;

import io.lyss.events.governance.SealedSecret;
import io.lyss.memory.MemoryProperties;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The memory model of each workspace: set by an administrator at runtime (kept in PostgreSQL, the virtual key
 * sealed under the master key), else from configuration ({@code lyss.memory.extraction.*}); none means rules.
 */
public final class ExtractionModels implements Function<String, MemoryProperties.Model> {

    private static final MemoryProperties.Model NONE = new MemoryProperties.Model(null, null);

    private final MemoryProperties.Extraction configured;
    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;
    private final Map<String, MemoryProperties.Model> cache = new ConcurrentHashMap<>();

    public ExtractionModels(MemoryProperties.Extraction configured, JdbcTemplate jdbc, SecretSealer sealer) {
        this.configured = configured;
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** The workspace's memory model, or null when rules extract there. */
    @Override
    public MemoryProperties.Model apply(String workspaceId) {
        MemoryProperties.Model model =
                cache.computeIfAbsent(workspaceId, ws -> stored(ws).orElseGet(() -> {
                    MemoryProperties.Model fromConfig = configured.modelFor(ws);
                    return fromConfig == null ? NONE : fromConfig;
                }));
        return model == NONE ? null : model;
    }

    public void set(String workspaceId, String model, String virtualKey) {
        SealedSecret sealed = sealer.seal(virtualKey, "memory-model:" + workspaceId);
        jdbc.update(
                """
                INSERT INTO lyss_memory.workspace_memory_model (workspace_id, model, master_key_id, nonce, ciphertext)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET model = EXCLUDED.model,
                    master_key_id = EXCLUDED.master_key_id, nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext
                """,
                workspaceId,
                model,
                sealed.masterKeyId(),
                sealed.nonce(),
                sealed.ciphertext());
        cache.put(workspaceId, new MemoryProperties.Model(model, virtualKey));
    }

    private Optional<MemoryProperties.Model> stored(String workspaceId) {
        try {
            return storedSealed(workspaceId);
        } catch (SecretUnavailableException e) {
            return Optional.empty(); // sealed under another master key: unusable here, rules extract
        }
    }

    private Optional<MemoryProperties.Model> storedSealed(String workspaceId) {
        return jdbc
                .query(
                        """
                        SELECT model, master_key_id, nonce, ciphertext FROM lyss_memory.workspace_memory_model
                        WHERE workspace_id = ?
                        """,
                        (row, n) -> new MemoryProperties.Model(
                                row.getString(1),
                                sealer.open(
                                        new SealedSecret(row.getString(2), row.getString(3), row.getString(4)),
                                        "memory-model:" + workspaceId)),
                        workspaceId)
                .stream()
                .findFirst();
    }
}

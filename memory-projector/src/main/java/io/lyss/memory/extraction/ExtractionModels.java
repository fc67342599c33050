package io.lyss.memory.extraction;

import io.lyss.events.governance.SealedSecret;
import io.lyss.memory.MemoryProperties;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The memory model of each workspace: projected from {@code MemoryModelConfigured} (an administrator's choice, kept
 * in PostgreSQL with the virtual key still sealed under the master key), else from configuration
 * ({@code lyss.memory.extraction.*}); none means rules. Cached for {@link #CACHE_TTL}, so a choice projected by
 * another instance applies here soon after.
 */
public final class ExtractionModels implements Function<String, MemoryProperties.Model> {

    private static final MemoryProperties.Model NONE = new MemoryProperties.Model(null, null);
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(MemoryProperties.Model model, Instant loadedAt) {}

    private final MemoryProperties.Extraction configured;
    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ExtractionModels(MemoryProperties.Extraction configured, JdbcTemplate jdbc, SecretSealer sealer) {
        this.configured = configured;
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** The workspace's memory model, or null when rules extract there. */
    @Override
    public MemoryProperties.Model apply(String workspaceId) {
        Instant now = Instant.now();
        Cached cached = cache.compute(
                workspaceId,
                (ws, known) -> known != null && known.loadedAt().plus(CACHE_TTL).isAfter(now)
                        ? known
                        : new Cached(
                                stored(ws).orElseGet(() -> {
                                    MemoryProperties.Model fromConfig = configured.modelFor(ws);
                                    return fromConfig == null ? NONE : fromConfig;
                                }),
                                now));
        return cached.model() == NONE ? null : cached.model();
    }

    /** Applies {@code MemoryModelConfigured}: the key stays sealed as it was recorded. */
    public void configured(String workspaceId, String model, SealedSecret sealed) {
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
        cache.remove(workspaceId);
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

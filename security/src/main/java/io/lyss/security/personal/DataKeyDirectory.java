package io.lyss.security.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.governance.SealedSecret;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data keys of conversation content, as a reader sees them: fetched from the command side (which owns them)
 * over {@code GET /internal/v1/data-keys/{id}}, sealed under the master key, opened here and cached. A key the
 * command side no longer has was destroyed (its user forgotten): that is remembered, since a destroyed key never
 * comes back. Any other failure throws, so a projection retries rather than mistaking an outage for an erasure.
 */
public final class DataKeyDirectory {

    private final String commandSideUrl;
    private final String internalToken;
    private final SecretSealer sealer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

    /** @param sealer null when this process holds no master key: nothing can be opened */
    public DataKeyDirectory(String commandSideUrl, String internalToken, SecretSealer sealer) {
        this.commandSideUrl = commandSideUrl.replaceAll("/+$", "");
        this.internalToken = internalToken == null ? "" : internalToken;
        this.sealer = sealer;
    }

    /** The key; empty once it was destroyed (or when it cannot be opened with this process's master key). */
    public Optional<SecretKey> byId(String dataKeyId) {
        SecretKey cached = keys.get(dataKeyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (destroyed.contains(dataKeyId) || sealer == null) {
            return Optional.empty();
        }
        Optional<SealedSecret> stored = fetch(dataKeyId);
        if (stored.isEmpty()) {
            destroyed.add(dataKeyId);
            return Optional.empty();
        }
        try {
            SecretKey key = new SecretKeySpec(Base64.getDecoder().decode(sealer.open(stored.get(), dataKeyId)), "AES");
            keys.put(dataKeyId, key);
            return Optional.of(key);
        } catch (SecretUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Forgets keys that were destroyed (on {@code UserForgotten}): content sealed with them no longer opens here. */
    public void destroyed(Collection<String> dataKeyIds) {
        destroyed.addAll(dataKeyIds);
        dataKeyIds.forEach(keys::remove);
    }

    private Optional<SealedSecret> fetch(String dataKeyId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandSideUrl + "/internal/v1/data-keys/"
                        + URLEncoder.encode(dataKeyId, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + internalToken)
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("The command side is unreachable for data key " + dataKeyId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching data key " + dataKeyId, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The command side answered HTTP " + response.statusCode() + " for data key " + dataKeyId);
        }
        try {
            JsonNode body = json.readTree(response.body());
            return Optional.of(new SealedSecret(
                    body.path("masterKeyId").asText(),
                    body.path("nonce").asText(),
                    body.path("ciphertext").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("The command side's data key answer is not JSON", e);
        }
    }
}

package io.lyss.command.personal;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands the data key of some turn content to a reader (query side, orchestrator, memory projector), still sealed
 * under the master key they share; 404 once the key was destroyed. Guarded by the internal bearer token.
 */
@RestController
class DataKeyController {

    private final ConversationDataKeys keys;

    DataKeyController(ConversationDataKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/internal/v1/data-keys/{dataKeyId}")
    ResponseEntity<Map<String, String>> dataKey(@PathVariable String dataKeyId) {
        return keys.sealed(dataKeyId)
                .map(stored -> ResponseEntity.ok(Map.of(
                        "dataKeyId", dataKeyId,
                        "masterKeyId", stored.masterKeyId(),
                        "nonce", stored.nonce(),
                        "ciphertext", stored.ciphertext())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}

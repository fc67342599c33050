package io.lyss.command.ingest;

import io.lyss.command.embedding.api.RecordEmbeddingSpend;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report what an embeddings request spent. Answers once the spend is stored; reporting
 * the same request again is harmless. Guarded by the internal bearer token.
 */
@RestController
class EmbeddingSpendIngestController {

    /** An embeddings request's spend as reported by an orchestrator instance. */
    record EmbeddingSpendReport(
            @NotBlank String requestId,
            @NotBlank String workspaceId,
            @NotBlank String keyId,
            @NotBlank String model,
            @NotBlank String channelId,
            @PositiveOrZero long promptTokens,
            @PositiveOrZero long costMicros,
            @NotBlank String priceVersion,
            boolean estimated) {}

    private final CommandGateway commands;

    EmbeddingSpendIngestController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/internal/v1/embedding-spends")
    ResponseEntity<Void> record(@Valid @RequestBody EmbeddingSpendReport spend) {
        var command = new RecordEmbeddingSpend(
                spend.requestId(),
                spend.workspaceId(),
                spend.keyId(),
                spend.model(),
                spend.channelId(),
                spend.promptTokens(),
                spend.costMicros(),
                spend.priceVersion(),
                spend.estimated());
        var provenance = new Provenance(Actor.apiKey(spend.keyId()), spend.requestId());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return ResponseEntity.noContent().build();
    }
}

package io.lyss.memory.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.memory.MemoryProperties;
import io.lyss.memory.index.MemoryRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extraction and reconciliation in ONE model call, through Lyss's own {@code /v1/chat/completions} with the
 * workspace's memory model and virtual key, marked {@value #SPEND_REASON_HEADER}: memory so the spend is recorded
 * with reason {@code memory}. The model sees existing memories only as handles ({@link Handles}); every handle it
 * returns is checked, so a made-up one touches nothing. Falls back to the rules when the call fails.
 */
public final class LlmExtractor implements Extractor {

    public static final String SPEND_REASON_HEADER = "X-Lyss-Spend-Reason";
    /** Proves to the orchestrator that the memory label comes from a Lyss service, not a client. */
    public static final String INTERNAL_TOKEN_HEADER = "X-Lyss-Internal-Token";
    /** Names the call, so the orchestrator derives its turn id from it and a repeated call spends once. */
    public static final String CALL_HEADER = "X-Lyss-Memory-Call";

    private static final Logger LOG = LoggerFactory.getLogger(LlmExtractor.class);

    private final MemoryProperties.Extraction settings;
    private final Function<String, MemoryProperties.Model> models;
    private final Extractor fallback;
    private final String internalToken;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param models the memory model of a workspace, null for none
     */
    public LlmExtractor(
            MemoryProperties.Extraction settings,
            Function<String, MemoryProperties.Model> models,
            String internalToken,
            Extractor fallback) {
        this.settings = settings;
        this.models = models;
        this.internalToken = internalToken == null ? "" : internalToken;
        this.fallback = fallback;
    }

    @Override
    public Decisions decide(String workspaceId, List<Message> conversation, List<MemoryRecord> existing) {
        return decide(workspaceId, conversation, existing, null);
    }

    @Override
    public Decisions decide(
            String workspaceId, List<Message> conversation, List<MemoryRecord> existing, String callId) {
        MemoryProperties.Model model = models.apply(workspaceId);
        if (model == null) {
            return fallback.decide(workspaceId, conversation, existing);
        }
        Handles handles = new Handles(existing);
        try {
            String answer =
                    complete(model, ExtractionPrompt.system(), ExtractionPrompt.user(conversation, handles), callId);
            return parse(answer, handles, "llm:" + model.model());
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "The memory model {} failed ({}); extracting by rules",
                    model.model(),
                    e.getClass().getSimpleName());
            return fallback.decide(workspaceId, conversation, existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback.decide(workspaceId, conversation, existing);
        }
    }

    Decisions parse(String answer, Handles handles, String label) throws IOException {
        JsonNode items = json.readTree(stripFences(answer)).path("memory");
        List<Decision> decisions = new ArrayList<>();
        int rejected = 0;
        for (JsonNode item : items) {
            String event = item.path("event").asText("").toUpperCase(Locale.ROOT);
            String text = item.path("text").asText("").strip();
            String handle = item.path("id").asText(null);
            switch (event) {
                case "ADD" -> {
                    if (!text.isEmpty()) {
                        decisions.add(Decision.add(text));
                    }
                }
                case "UPDATE", "DELETE", "NONE" -> {
                    var target = handles.resolve(handle);
                    if (target.isEmpty()) {
                        rejected++;
                    } else if ("UPDATE".equals(event) && !text.isEmpty()) {
                        decisions.add(new Decision(Decision.Event.UPDATE, text, target.get()));
                    } else if ("DELETE".equals(event)) {
                        decisions.add(
                                new Decision(Decision.Event.DELETE, target.get().memory(), target.get()));
                    } else if ("NONE".equals(event)) {
                        decisions.add(
                                new Decision(Decision.Event.NONE, target.get().memory(), target.get()));
                    }
                }
                default -> rejected++;
            }
        }
        if (rejected > 0) {
            LOG.warn("Ignored {} memory decisions naming no memory the model was shown", rejected);
        }
        return new Decisions(decisions, label, rejected);
    }

    private String complete(MemoryProperties.Model model, String system, String user, String callId)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode()
                .put("model", model.model())
                .put("temperature", 0)
                .put("stream", false);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(settings.chatUrl().replaceAll("/+$", "") + "/v1/chat/completions"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + model.virtualKey())
                .header(SPEND_REASON_HEADER, "memory")
                .header(INTERNAL_TOKEN_HEADER, internalToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (callId != null) {
            request.header(CALL_HEADER, callId);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("memory model answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body())
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText("");
    }

    private static String stripFences(String answer) {
        String trimmed = answer.strip();
        if (trimmed.startsWith("```")) {
            trimmed = trimmed.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("```\\s*$", "");
        }
        return trimmed.isEmpty() ? "{}" : trimmed;
    }

    /** For tests: the handles a list of memories gets. */
    static Map<String, MemoryRecord> handlesOf(List<MemoryRecord> existing) {
        return new Handles(existing).all();
    }
}

package io.lyss.memory.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lyss.memory.MemoryProperties;
import io.lyss.memory.index.MemoryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model path against a real HTTP server speaking OpenAI's chat completions protocol. */
class LlmExtractorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String modelAnswer;
    private volatile int status = 200;

    record Received(String authorization, String spendReason, JsonNode body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void oneCallExtractsAndReconcilesAndAHallucinatedHandleTouchesNothing() {
        MemoryRecord lives = RuleBasedExtractorTest.memory("7f0c-real-id-1", "Lives in Lisbon");
        MemoryRecord likes = RuleBasedExtractorTest.memory("7f0c-real-id-2", "Likes sailing");
        modelAnswer =
                """
                {"memory":[
                  {"event":"UPDATE","id":"m1","text":"Lives in Porto"},
                  {"event":"DELETE","id":"m2"},
                  {"event":"ADD","text":"Has a dog named Rex"},
                  {"event":"DELETE","id":"m9"},
                  {"event":"UPDATE","id":"7f0c-real-id-2","text":"Likes rowing"}
                ]}""";

        Decisions decisions = extractor("mem-model")
                .decide(
                        "ws_1",
                        List.of(new Message("user", "I moved to Porto with my dog Rex; sailing is over for me.")),
                        List.of(lives, likes));

        assertThat(received).hasSize(1);
        Received call = received.getFirst();
        assertThat(call.authorization()).isEqualTo("Bearer lyss-sk-memory");
        assertThat(call.spendReason()).isEqualTo("memory");
        assertThat(call.body().path("model").asText()).isEqualTo("mem-model");
        String prompt = call.body().path("messages").path(1).path("content").asText();
        assertThat(prompt).contains("m1: Lives in Lisbon", "m2: Likes sailing").doesNotContain("7f0c-real-id");

        assertThat(decisions.extractor()).isEqualTo("llm:mem-model");
        assertThat(decisions.rejectedHandles()).isEqualTo(2);
        assertThat(decisions.decisions())
                .extracting(
                        Decision::event,
                        Decision::text,
                        d -> d.target() == null ? null : d.target().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.UPDATE, "Lives in Porto", "7f0c-real-id-1"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.DELETE, "Likes sailing", "7f0c-real-id-2"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Has a dog named Rex", null));
    }

    @Test
    void aFailingModelFallsBackToTheRules() {
        status = 503;

        Decisions decisions =
                extractor("mem-model").decide("ws_1", List.of(new Message("user", "I live in Oslo.")), List.of());

        assertThat(received).hasSize(1);
        assertThat(decisions.extractor()).isEqualTo("rules");
        assertThat(decisions.decisions()).extracting(Decision::text).containsExactly("Lives in Oslo");
    }

    @Test
    void aWorkspaceWithoutAMemoryModelUsesTheRulesWithoutACall() {
        Decisions decisions =
                extractor(null).decide("ws_1", List.of(new Message("user", "I live in Oslo.")), List.of());

        assertThat(received).isEmpty();
        assertThat(decisions.extractor()).isEqualTo("rules");
    }

    private LlmExtractor extractor(String model) {
        var settings = new MemoryProperties.Extraction(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                model,
                "lyss-sk-memory",
                Map.of(),
                Duration.ofSeconds(5));
        return new LlmExtractor(settings, settings::modelFor, "internal-token", new RuleBasedExtractor());
    }

    private void complete(HttpExchange exchange) throws IOException {
        received.add(new Received(
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst(LlmExtractor.SPEND_REASON_HEADER),
                JSON.readTree(exchange.getRequestBody())));
        var completion = JSON.createObjectNode()
                .put("id", "chatcmpl-mock")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", "mem-model");
        var choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", modelAnswer);
        completion
                .putObject("usage")
                .put("prompt_tokens", 120)
                .put("completion_tokens", 40)
                .put("total_tokens", 160);
        byte[] bytes = status == 200
                ? JSON.writeValueAsBytes(completion)
                : "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package io.lyss.orchestrator.dify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.workflow.NodeRun;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.pricing.PricingProperties;
import io.lyss.orchestrator.workflow.NodeStep;
import io.lyss.orchestrator.workflow.WorkflowResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class DifyStreamWriterTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final DifyTurnIds IDS = new DifyTurnIds("task_1", "conv_1", "msg_1", "run_1", 1_790_000_000L);

    private final ObjectMapper json = new ObjectMapper();
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final PriceTable prices = new PriceTable(new PricingProperties(
            "v1", "USD", Map.of("m", new PricingProperties.ModelPrice(new BigDecimal("2"), new BigDecimal("10")))));
    private final DifyStreamWriter writer =
            new DifyStreamWriter(response, json, IDS, new DifyEvents(json, IDS, new DifyUsage(prices, "USD"), "m"));

    @Test
    void aRunIsStreamedAsDifyEventsWithTheirIdsUsageAndPrice() throws Exception {
        var step = new NodeStep("run_1-4", "llm", "llm", "LLM", 4, "cache", Map.of("model", "m"), T0);
        var run = new NodeRun(
                "llm", "llm", "LLM", 4, "succeeded", null, T0, T0.plusMillis(1500), 1_500_000, 15, 70, Map.of());

        writer.workflowStarted(json.createObjectNode().put("topic", "x"));
        writer.nodeStarted(step);
        writer.token("Hel");
        writer.token("lo");
        writer.finish("Hello", "stop", new TokenCounts(10, 5, 0, false));
        writer.nodeFinished(step, run, Map.of("text", "Hello"));
        writer.complete(result(new UpstreamOutcome("ch_1", "Hello", "stop", new TokenCounts(10, 5, 0, false), 1)), 1.5);

        assertThat(response.getContentType()).startsWith("text/event-stream");
        List<JsonNode> events = events();
        assertThat(events)
                .extracting(event -> event.path("event").asText())
                .containsExactly(
                        "workflow_started",
                        "node_started",
                        "message",
                        "message",
                        "node_finished",
                        "workflow_finished",
                        "message_end");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("task_id").asText()).isEqualTo("task_1");
            assertThat(event.path("conversation_id").asText()).isEqualTo("conv_1");
            assertThat(event.path("message_id").asText()).isEqualTo("msg_1");
            assertThat(event.path("created_at").asLong()).isEqualTo(1_790_000_000L);
        });
        assertThat(events.getFirst().at("/data/inputs/topic").asText()).isEqualTo("x");
        assertThat(events.getFirst().path("workflow_run_id").asText()).isEqualTo("run_1");
        assertThat(events.get(1).at("/data/predecessor_node_id").asText()).isEqualTo("cache");
        assertThat(events.get(1).at("/data/index").asInt()).isEqualTo(4);
        assertThat(events.get(2).path("answer").asText()).isEqualTo("Hel");
        JsonNode finished = events.get(4).path("data");
        assertThat(finished.path("elapsed_time").asDouble()).isEqualTo(1.5);
        assertThat(finished.at("/execution_metadata/total_tokens").asInt()).isEqualTo(15);
        assertThat(finished.at("/execution_metadata/total_price").asText()).isEqualTo("0.0000700");
        assertThat(finished.at("/outputs/text").asText()).isEqualTo("Hello");
        JsonNode usage = events.getLast().at("/metadata/usage");
        assertThat(usage.path("prompt_price").asText()).isEqualTo("0.0000200");
        assertThat(usage.path("completion_price").asText()).isEqualTo("0.0000500");
        assertThat(usage.path("total_price").asText()).isEqualTo("0.0000700");
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(15);
        assertThat(usage.path("latency").asDouble()).isEqualTo(1.5);
        assertThat(events.getLast().at("/metadata/retriever_resources").isArray())
                .isTrue();
        assertThat(events.get(5).at("/data/total_steps").asInt()).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheStreamBeganIsAnErrorEventAndNoMessageEnd() throws Exception {
        writer.workflowStarted(json.createObjectNode());
        writer.token("Hel");
        writer.fail(OpenAiError.upstreamFailedMidStream());
        writer.complete(result(new UpstreamOutcome("ch_1", "Hel", "error", new TokenCounts(10, 1, 0, true), 1)), 1);

        List<JsonNode> events = events();
        assertThat(events)
                .extracting(event -> event.path("event").asText())
                .containsExactly("workflow_started", "message", "error", "workflow_finished");
        assertThat(events.get(2).path("status").asInt()).isEqualTo(502);
        assertThat(events.get(2).path("code").asText()).isEqualTo("completion_request_error");
        assertThat(events.get(2).path("message").asText()).isNotBlank();
    }

    @Test
    void pingsAreNamedEventsWithoutData() throws Exception {
        writer.workflowStarted(json.createObjectNode());
        writer.ping();

        assertThat(response.getContentAsString()).endsWith("\n\nevent: ping\n\n");
    }

    private WorkflowResult result(UpstreamOutcome outcome) {
        var node = new NodeRun("llm", "llm", "LLM", 1, "succeeded", null, T0, T0, 10, 15, 70, Map.of());
        return new WorkflowResult(
                "run_1",
                "succeeded",
                null,
                T0,
                T0.plusSeconds(1),
                1_000_000,
                15,
                70,
                List.of(node),
                outcome,
                null,
                null);
    }

    private List<JsonNode> events() throws Exception {
        return response.getContentAsString()
                .lines()
                .filter(line -> line.startsWith("data: "))
                .map(line -> {
                    try {
                        return json.readTree(line.substring(6));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }
}

package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orchestrators report turns in batches, stored by one transaction: every valid turn is recorded exactly once,
 * an invalid report or a turn its conversation refuses is named in the answer without costing the others, and a
 * batch rolled back that way leaves the conversations usable.
 */
class TurnBatchIngestIT extends GovernancePlatform {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aBatchRecordsEveryValidTurnOnceAndNamesTheInvalidOnes() {
        String workspace = "ws_batch_" + PlatformUnderTest.random(8);
        String conversation = "conv_" + PlatformUnderTest.random(12);
        String first = turnId();
        String second = turnId();
        String other = turnId();
        String invalid = turnId();

        JsonNode answer = postBatch(
                turn(conversation, first, workspace, "bench-model"),
                turn(conversation, second, workspace, "bench-model"),
                turn("conv_" + PlatformUnderTest.random(12), other, workspace, "bench-model"),
                turn("conv_" + PlatformUnderTest.random(12), invalid, workspace, ""),
                turn(conversation, first, workspace, "bench-model"));

        assertThat(answer.path("recorded").asInt()).isEqualTo(4);
        assertThat(answer.path("rejected")).hasSize(1);
        assertThat(answer.path("rejected").get(0).path("turnId").asText()).isEqualTo(invalid);
        assertThat(answer.path("rejected").get(0).path("reason").asText()).contains("model");
        assertThat(turnsCompleted(first)).isEqualTo(1);
        assertThat(turnsCompleted(second)).isEqualTo(1);
        assertThat(turnsCompleted(other)).isEqualTo(1);
        assertThat(turnsCompleted(invalid)).isZero();
    }

    @Test
    void aTurnItsConversationRefusesIsNamedAndTheRestOfTheBatchIsRecorded() {
        String workspace = "ws_batch_" + PlatformUnderTest.random(8);
        String conversation = "conv_" + PlatformUnderTest.random(12);
        postBatch(turn(conversation, turnId(), workspace, "bench-model"));

        String intruder = turnId();
        String fine = turnId();
        JsonNode answer = postBatch(
                turn(conversation, intruder, "ws_other_" + PlatformUnderTest.random(8), "bench-model"),
                turn("conv_" + PlatformUnderTest.random(12), fine, workspace, "bench-model"));

        assertThat(answer.path("recorded").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").findValuesAsText("turnId")).containsExactly(intruder);
        assertThat(turnsCompleted(intruder)).isZero();
        assertThat(turnsCompleted(fine)).isEqualTo(1);

        // the rolled-back batch left no trace in the conversation: its next turn is stored after the first one
        String next = turnId();
        assertThat(postBatch(turn(conversation, next, workspace, "bench-model"))
                        .path("recorded")
                        .asInt())
                .isEqualTo(1);
        assertThat(turnsCompleted(next)).isEqualTo(1);
        assertThat(turnsIn(conversation)).isEqualTo(2);
    }

    @Test
    void turnsThatOpenTheirConversationsAreRecordedOnceEvenWhenTheBatchIsDeliveredTwice() {
        String workspace = "ws_batch_" + PlatformUnderTest.random(8);
        String first = turnId();
        String second = turnId();
        String[] batch = {
            opening(turn("conv_" + first, first, workspace, "bench-model")),
            opening(turn("conv_" + second, second, workspace, "bench-model"))
        };

        JsonNode answer = postBatch(batch);
        JsonNode again = postBatch(batch); // e.g. the orchestrator timed out waiting for the first answer

        assertThat(answer.path("recorded").asInt()).isEqualTo(2);
        assertThat(answer.path("rejected")).isEmpty();
        assertThat(again.path("rejected")).isEmpty();
        assertThat(turnsCompleted(first)).isEqualTo(1);
        assertThat(turnsCompleted(second)).isEqualTo(1);
        assertThat(turnsIn("conv_" + first)).isEqualTo(1);
        // the conversation it opened takes later turns as usual
        String later = turnId();
        assertThat(postBatch(turn("conv_" + first, later, workspace, "bench-model"))
                        .path("recorded")
                        .asInt())
                .isEqualTo(1);
        assertThat(turnsIn("conv_" + first)).isEqualTo(2);
    }

    @Test
    void anOversizedBatchIsRefusedAsAProblem() {
        String turns = String.join(",", java.util.Collections.nCopies(1_001, "{}"));
        var reply = client.post("/internal/v1/turn-batches", PLATFORM.internalToken, "{\"turns\":[" + turns + "]}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).contains("application/problem+json");
    }

    @Test
    void aBodyThatIsNotABatchIsRefusedAsAProblemWithoutQuotingIt() {
        var reply = client.post(
                "/internal/v1/turn-batches", PLATFORM.internalToken, "{\"turns\":[{\"question\":\"my secret plan\"");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.body()).doesNotContain("secret plan");
        var notAList = client.post("/internal/v1/turn-batches", PLATFORM.internalToken, "{\"turns\":\"many\"}");
        assertThat(notAList.status()).isEqualTo(400);
    }

    @Test
    void batchesNeedTheInternalToken() {
        var reply = client.post("/internal/v1/turn-batches", PLATFORM.adminToken, "{\"turns\":[]}");
        assertThat(reply.status()).isEqualTo(401);
    }

    private JsonNode postBatch(String... turns) {
        var reply = client.post(
                "/internal/v1/turn-batches",
                PLATFORM.internalToken,
                "{\"turns\":[" + String.join(",", List.of(turns)) + "]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private long turnsCompleted(String turnId) {
        Long count = jdbc.queryForObject(
                """
                SELECT count(*) FROM lyss_command.domain_event_entry
                WHERE payload_type LIKE '%.TurnCompleted'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'turnId' = ?
                """,
                Long.class, turnId);
        return count == null ? 0 : count;
    }

    private long turnsIn(String conversationId) {
        Long count = jdbc.queryForObject(
                """
                SELECT count(*) FROM lyss_command.domain_event_entry
                WHERE payload_type LIKE '%.TurnCompleted' AND aggregate_identifier = ?
                """,
                Long.class, conversationId);
        return count == null ? 0 : count;
    }

    private static String opening(String turn) {
        return turn.replace("\"usageEstimated\":false", "\"usageEstimated\":false,\"opensConversation\":true");
    }

    private static String turnId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String turn(String conversationId, String turnId, String workspaceId, String model) {
        return """
                {"conversationId":"%s","turnId":"%s","workspaceId":"%s","keyId":"key_batch","api":"openai",
                 "model":"%s","channelId":"ch_batch","question":"q","answer":"a","finishReason":"stop",
                 "latencyMillis":3,"firstTokenMillis":2,"promptTokens":5,"completionTokens":7,"cachedTokens":0,
                 "costMicros":11,"priceVersion":"v1","usageEstimated":false}
                """
                .formatted(conversationId, turnId, workspaceId, model);
    }
}

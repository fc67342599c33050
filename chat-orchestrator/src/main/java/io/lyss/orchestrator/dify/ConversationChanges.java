package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.recording.TurnRecorder;
import java.time.Duration;

/**
 * Rename, delete and feedback, sent as commands to the command side's internal API; they are answered once the
 * resulting event is stored. A conversation or message unknown there is a Dify 404. The turns this instance has
 * answered but not yet reported (they are recorded in batches) are stored first, so a client may rename a
 * conversation or rate a message right after its answer.
 */
class ConversationChanges {

    private static final Duration TURNS_STORED_WITHIN = Duration.ofSeconds(10);

    private final InternalHttp http;
    private final ObjectMapper json;
    private final TurnRecorder recorder;

    ConversationChanges(InternalHttp http, ObjectMapper json, TurnRecorder recorder) {
        this.http = http;
        this.json = json;
        this.recorder = recorder;
    }

    void rename(KeyGrant grant, String conversationId, String name, String endUserId) {
        storePendingTurns();
        ObjectNode body = scope(grant).put("name", name).put("endUserId", endUserId);
        require(http.post("/internal/v1/conversations/" + conversationId + "/name", bytes(body)), false);
    }

    void delete(KeyGrant grant, String conversationId) {
        storePendingTurns();
        require(
                http.delete("/internal/v1/conversations/" + conversationId + "?workspaceId="
                        + InternalHttp.encode(grant.workspaceId()) + "&keyId=" + InternalHttp.encode(grant.keyId())),
                false);
    }

    void feedback(KeyGrant grant, String conversationId, String messageId, String rating, String content, String user) {
        storePendingTurns();
        ObjectNode body =
                scope(grant).put("rating", rating).put("content", content).put("endUserId", user);
        require(
                http.post(
                        "/internal/v1/conversations/" + conversationId + "/messages/" + messageId + "/feedbacks",
                        bytes(body)),
                true);
    }

    private void storePendingTurns() {
        recorder.flush(TURNS_STORED_WITHIN);
    }

    private ObjectNode scope(KeyGrant grant) {
        return json.createObjectNode().put("workspaceId", grant.workspaceId()).put("keyId", grant.keyId());
    }

    private static void require(InternalHttp.Reply reply, boolean aboutMessage) {
        if (reply.status() == 404) {
            throw aboutMessage ? DifyError.messageNotFound() : DifyError.conversationNotFound();
        }
        if (!reply.ok()) {
            throw DifyError.invalidParam("The change was refused.");
        }
    }

    private byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Dify's JSON shapes for conversations, messages, pages and the application parameters. */
final class DifyJson {

    private final ObjectMapper json;

    DifyJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode page(int limit, boolean hasMore, List<ObjectNode> data) {
        ObjectNode page = json.createObjectNode().put("limit", limit).put("has_more", hasMore);
        page.putArray("data").addAll(data);
        return page;
    }

    ObjectNode conversation(StoredConversation conversation) {
        ObjectNode node = json.createObjectNode().put("id", conversation.id()).put("name", conversation.name());
        node.putObject("inputs");
        return node.put("status", "normal")
                .put("introduction", "")
                .put("created_at", conversation.createdAt())
                .put("updated_at", conversation.updatedAt());
    }

    ObjectNode message(StoredMessage message) {
        ObjectNode node =
                json.createObjectNode().put("id", message.id()).put("conversation_id", message.conversationId());
        node.putObject("inputs");
        node.put("query", message.question());
        node.put("answer", message.answer());
        node.putArray("message_files");
        if (message.rating() == null) {
            node.putNull("feedback");
        } else {
            node.putObject("feedback").put("rating", message.rating());
        }
        node.putArray("retriever_resources");
        node.putArray("agent_thoughts");
        node.put("status", "normal");
        node.putNull("error");
        node.put("created_at", message.createdAt());
        return node;
    }

    /** What a Dify chat app built on Lyss offers: plain chat, no files, speech or suggested questions. */
    ObjectNode parameters() {
        ObjectNode parameters = json.createObjectNode().put("opening_statement", "");
        parameters.putArray("suggested_questions");
        parameters.putObject("suggested_questions_after_answer").put("enabled", false);
        parameters.putObject("speech_to_text").put("enabled", false);
        parameters.putObject("text_to_speech").put("enabled", false);
        parameters.putObject("retriever_resource").put("enabled", false);
        parameters.putObject("annotation_reply").put("enabled", false);
        parameters.putObject("more_like_this").put("enabled", false);
        parameters.putObject("sensitive_word_avoidance").put("enabled", false);
        parameters.putArray("user_input_form");
        ObjectNode upload = parameters.putObject("file_upload");
        upload.putObject("image").put("enabled", false).put("number_limits", 0);
        upload.put("enabled", false);
        parameters
                .putObject("system_parameters")
                .put("file_size_limit", 0)
                .put("image_file_size_limit", 0)
                .put("audio_file_size_limit", 0)
                .put("video_file_size_limit", 0);
        return parameters;
    }
}

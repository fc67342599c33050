package io.lyss.standalone.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in demo provider: a local simulator speaking OpenAI's chat completions protocol (streaming
 * included), so that Lyss works offline with no provider key. It says plainly that it is not a real model.
 */
@RestController
class DemoProviderController {

    private final ObjectMapper json;

    DemoProviderController(ObjectMapper json) {
        this.json = json;
    }

    @PostMapping("/demo/v1/chat/completions")
    void complete(@RequestBody JsonNode request, HttpServletResponse response) throws IOException {
        String model = request.path("model").asText("lyss-demo");
        String answer = DemoAnswers.answer(lastUserMessage(request.path("messages")));
        long promptTokens = DemoAnswers.countWords(allContent(request.path("messages")));
        long completionTokens = DemoAnswers.countWords(answer);
        String id = "chatcmpl-demo-" + UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        if (request.path("stream").asBoolean(false)) {
            stream(
                    response,
                    id,
                    created,
                    model,
                    answer,
                    promptTokens,
                    completionTokens,
                    request.path("stream_options").path("include_usage").asBoolean(false));
        } else {
            ObjectNode completion = json.createObjectNode()
                    .put("id", id)
                    .put("object", "chat.completion")
                    .put("created", created)
                    .put("model", model);
            ObjectNode choice =
                    completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", answer);
            usage(completion, promptTokens, completionTokens);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), completion);
        }
    }

    private void stream(
            HttpServletResponse response,
            String id,
            long created,
            String model,
            String answer,
            long promptTokens,
            long completionTokens,
            boolean includeUsage)
            throws IOException {
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        OutputStream out = response.getOutputStream();
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(
                id,
                created,
                model,
                json.createObjectNode().put("role", "assistant").put("content", ""),
                null));
        for (String piece : DemoAnswers.pieces(answer)) {
            chunks.add(chunk(id, created, model, json.createObjectNode().put("content", piece), null));
        }
        chunks.add(chunk(id, created, model, json.createObjectNode(), "stop"));
        for (ObjectNode chunk : chunks) {
            send(out, chunk);
        }
        if (includeUsage) {
            ObjectNode usageChunk = json.createObjectNode()
                    .put("id", id)
                    .put("object", "chat.completion.chunk")
                    .put("created", created)
                    .put("model", model);
            usageChunk.putArray("choices");
            usage(usageChunk, promptTokens, completionTokens);
            send(out, usageChunk);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private void send(OutputStream out, ObjectNode chunk) throws IOException {
        out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void usage(ObjectNode node, long prompt, long completion) {
        node.putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String allContent(JsonNode messages) {
        StringBuilder content = new StringBuilder();
        messages.forEach(
                message -> content.append(message.path("content").asText("")).append(' '));
        return content.toString();
    }

    private static String lastUserMessage(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())
                    && message.path("content").isTextual()) {
                last = message.path("content").asText();
            }
        }
        return last;
    }
}

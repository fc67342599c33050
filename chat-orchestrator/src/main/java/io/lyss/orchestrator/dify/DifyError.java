package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.openai.OpenAiError;

/** An error answered in Dify's format: {@code {"code", "message", "status"}}. */
final class DifyError extends RuntimeException {

    private final int status;
    private final String code;

    DifyError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static DifyError invalidParam(String message) {
        return new DifyError(400, "invalid_param", message);
    }

    static DifyError conversationNotFound() {
        return new DifyError(404, "not_found", "Conversation Not Exists.");
    }

    static DifyError messageNotFound() {
        return new DifyError(404, "not_found", "Message Not Exists.");
    }

    static DifyError tooLarge(int maxBytes) {
        return new DifyError(413, "request_too_large", "The request body is larger than " + maxBytes + " bytes.");
    }

    static DifyError unavailable() {
        return new DifyError(503, "service_unavailable", "Conversations are unavailable right now; try again shortly.");
    }

    /** The same failure in Dify's terms: the status and message stay, the code is Dify's for that status. */
    static DifyError from(OpenAiError error) {
        String code =
                switch (error.status()) {
                    case 401 -> "unauthorized";
                    case 403 -> "forbidden";
                    case 404 -> "not_found";
                    case 413 -> "request_too_large";
                    case 429 -> "too_many_requests";
                    case 400 -> "invalid_param";
                    default -> error.status() >= 500 ? "completion_request_error" : "bad_request";
                };
        return new DifyError(error.status(), code, error.getMessage());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ObjectNode toJson(ObjectMapper json) {
        return json.createObjectNode()
                .put("code", code)
                .put("message", getMessage())
                .put("status", status);
    }
}

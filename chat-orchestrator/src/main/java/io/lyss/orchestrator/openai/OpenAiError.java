package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answered in OpenAI's format: {@code {"error": {"message", "type", "param", "code"}}}. */
public class OpenAiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    OpenAiError(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static OpenAiError invalidApiKey() {
        return new OpenAiError(
                401,
                "invalid_request_error",
                "invalid_api_key",
                null,
                "Incorrect API key provided. Pass a Lyss virtual key as 'Authorization: Bearer lyss-sk-...'.");
    }

    public static OpenAiError invalidRequest(String param, String message) {
        return new OpenAiError(400, "invalid_request_error", null, param, message);
    }

    public static OpenAiError requestTooLarge(int maxBytes) {
        return new OpenAiError(
                413,
                "invalid_request_error",
                "request_too_large",
                null,
                "The request body is larger than " + maxBytes + " bytes.");
    }

    public static OpenAiError modelNotFound(String model) {
        return new OpenAiError(
                404,
                "invalid_request_error",
                "model_not_found",
                "model",
                "The model '" + model + "' does not exist or no channel of this workspace serves it.");
    }

    public static OpenAiError modelNotAllowed(String model) {
        return new OpenAiError(
                403,
                "permission_error",
                "model_not_allowed",
                "model",
                "This key may not call the model '" + model + "'.");
    }

    public static OpenAiError upstreamUnavailable(String model) {
        return new OpenAiError(
                502,
                "api_error",
                "upstream_unavailable",
                null,
                "No provider channel could answer for the model '" + model + "'. Try again later.");
    }

    /** The provider refused the request's content (its 400 or 422): the client learns why, in OpenAI's words. */
    public static OpenAiError refusedUpstream(String type, String code, String param, String message) {
        return new OpenAiError(400, type, code, param, message);
    }

    public static OpenAiError upstreamFailedMidStream() {
        return new OpenAiError(
                502,
                "api_error",
                "upstream_error",
                null,
                "The provider failed while answering; the answer is incomplete.");
    }

    public int status() {
        return status;
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}

package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An error answered in OpenAI's format: {@code {"error": {"message", "type", "param", "code"}}}. */
public class OpenAiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Map<String, String> headers;

    OpenAiError(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, Map.of());
    }

    private OpenAiError(
            int status, String type, String code, String param, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = headers;
    }

    /** A budget cannot cover the request; {@code x-should-retry: false} stops the OpenAI SDKs retrying it. */
    public static OpenAiError insufficientQuota() {
        return new OpenAiError(
                429,
                "insufficient_quota",
                "insufficient_quota",
                null,
                "You exceeded your current quota: the budget cannot cover this request. Ask your administrator.",
                Map.of("x-should-retry", "false"));
    }

    /** A rate limit is reached for this minute. */
    public static OpenAiError rateLimitExceeded(long retryAfterSeconds) {
        return new OpenAiError(
                429,
                "requests",
                "rate_limit_exceeded",
                null,
                "Rate limit reached for this key or workspace. Please try again in " + retryAfterSeconds + "s.",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** Budgets and rate limits cannot be checked right now, so nothing is admitted (fail closed). */
    public static OpenAiError quotaUnavailable() {
        return new OpenAiError(
                503,
                "api_error",
                "quota_unavailable",
                null,
                "Budgets cannot be checked right now. Try again shortly.",
                Map.of("Retry-After", "1"));
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

    /** HTTP headers the error is answered with, e.g. Retry-After. */
    public Map<String, String> headers() {
        return headers;
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

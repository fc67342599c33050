package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every failure of the OpenAI-compatible API in OpenAI's error format, never with a stack trace. */
@RestControllerAdvice(basePackages = {"io.lyss.orchestrator.openai", "io.lyss.orchestrator.embeddings"})
class OpenAiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrors.class);

    private final ObjectMapper json;

    OpenAiErrors(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(OpenAiError.class)
    ResponseEntity<ObjectNode> openAiError(OpenAiError error) {
        var response = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        error.headers().forEach(response::header);
        return response.body(error.toJson(json));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ObjectNode> wrongMethod(HttpRequestMethodNotSupportedException e) {
        var error = new OpenAiError(
                405,
                "invalid_request_error",
                "method_not_allowed",
                null,
                "Method " + e.getMethod() + " is not allowed here.");
        return openAiError(error);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ObjectNode> unexpected(Exception e) {
        LOG.error("Chat request failed unexpectedly", e);
        var error = new OpenAiError(
                HttpStatus.INTERNAL_SERVER_ERROR.value(),
                "api_error",
                "internal_error",
                null,
                "The server could not complete the request.");
        return openAiError(error);
    }
}

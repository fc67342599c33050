package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.openai.OpenAiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every failure of the Dify-compatible API in Dify's error format, never with a stack trace. */
@RestControllerAdvice(basePackageClasses = DifyErrors.class)
class DifyErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DifyErrors.class);

    private final ObjectMapper json;

    DifyErrors(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(DifyError.class)
    ResponseEntity<ObjectNode> difyError(DifyError error) {
        var response = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.body(error.toJson(json));
    }

    @ExceptionHandler(OpenAiError.class)
    ResponseEntity<ObjectNode> keyOrModelRefused(OpenAiError error) {
        return difyError(DifyError.from(error));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ObjectNode> wrongType(MethodArgumentTypeMismatchException e) {
        return difyError(DifyError.invalidParam("'" + e.getName() + "' has the wrong type."));
    }

    /** Spring's own refusals (wrong method, missing parameter, unsupported media type...) keep their status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ObjectNode> unexpected(Exception e) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            int status = refusal.getStatusCode().value();
            String message = refusal.getBody().getDetail() == null
                    ? "The request is not valid."
                    : refusal.getBody().getDetail();
            return difyError(new DifyError(status, status == 400 ? "invalid_param" : "bad_request", message));
        }
        LOG.error("Dify request failed unexpectedly", e);
        return difyError(new DifyError(500, "internal_server_error", "The server could not complete the request."));
    }
}

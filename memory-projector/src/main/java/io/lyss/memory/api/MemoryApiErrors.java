package io.lyss.memory.api;

import io.lyss.memory.changes.CommandSideUnavailableException;
import io.lyss.memory.memories.MemoryNotFoundException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Memory API errors in Mem0's format ({@code {"detail": "..."}}): 4xx for bad input, never a stack trace. */
@RestControllerAdvice(basePackageClasses = MemoryApiErrors.class)
class MemoryApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryApiErrors.class);

    @ExceptionHandler(MemoryApiException.class)
    ResponseEntity<Map<String, String>> refused(MemoryApiException e) {
        return answer(e.status(), e.getMessage());
    }

    @ExceptionHandler(MemoryNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(MemoryNotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return answer(HttpStatus.BAD_REQUEST, "The request body or a parameter is malformed.");
    }

    @ExceptionHandler({CommandSideUnavailableException.class, UncheckedIOException.class})
    ResponseEntity<Map<String, String>> unavailable(RuntimeException e) {
        LOG.warn("Memory store unavailable: {} (cause: {})", e.getMessage(), String.valueOf(e.getCause()));
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "The memory store is unavailable; try again shortly.");
    }

    @ExceptionHandler(io.lyss.memory.crypto.DataKeyUnavailableException.class)
    ResponseEntity<Map<String, String>> keyUnavailable(RuntimeException e) {
        return answer(HttpStatus.CONFLICT, "This user's memories cannot be written by this server.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        LOG.error("Memory request failed", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed; see the server log.");
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Map.of("detail", detail));
    }
}

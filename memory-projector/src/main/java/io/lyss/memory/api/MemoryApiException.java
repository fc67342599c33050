package io.lyss.memory.api;

import org.springframework.http.HttpStatus;

/** A refused memory API request, answered as Mem0 does: the status and {@code {"detail": "..."}}. */
final class MemoryApiException extends RuntimeException {

    private final HttpStatus status;

    MemoryApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static MemoryApiException badRequest(String detail) {
        return new MemoryApiException(HttpStatus.BAD_REQUEST, detail);
    }

    static MemoryApiException unauthorized() {
        return new MemoryApiException(HttpStatus.UNAUTHORIZED, "Invalid API key.");
    }
}

package io.lyss.command.scope;

/** The request is well-formed but clashes with the current state (a taken name, a revoked key, the last owner). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

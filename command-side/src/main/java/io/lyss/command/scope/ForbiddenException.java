package io.lyss.command.scope;

/** The caller is known but their role does not allow this. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}

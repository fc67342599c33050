package io.lyss.command.scope;

/**
 * Something was addressed in a workspace it does not belong to. Reported exactly like "does not exist", so that
 * one tenant cannot learn about another's resources.
 */
public class NotFoundInWorkspaceException extends RuntimeException {

    public NotFoundInWorkspaceException(String kind, String id) {
        super("No " + kind + " '" + id + "' in this workspace");
    }
}

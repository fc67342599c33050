package io.lyss.memory.changes;

/** Memory changes could not be recorded: the command side refused or could not be reached. */
public final class CommandSideUnavailableException extends RuntimeException {

    public CommandSideUnavailableException(String message) {
        super("Memory changes could not be recorded: " + message);
    }
}

package io.lyss.memory.crypto;

/** A user's data key exists but does not open with this process's master key: nothing can be written for them. */
public final class DataKeyUnavailableException extends RuntimeException {

    public DataKeyUnavailableException() {
        super("The user's data key does not open with this master key");
    }
}

package io.lyss.security.secrets;

/** A sealed secret could not be opened. The message never contains secret material. */
public class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}

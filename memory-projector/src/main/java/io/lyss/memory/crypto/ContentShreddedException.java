package io.lyss.memory.crypto;

/** The data key that encrypted some content is gone (the user was forgotten): the content cannot be read. */
public final class ContentShreddedException extends RuntimeException {

    public ContentShreddedException(String dataKeyId) {
        super("data key " + dataKeyId + " no longer exists");
    }
}

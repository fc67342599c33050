package io.lyss.command.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash that links one stored event to everything before it. Every field is length-prefixed, so no two
 * different rows can produce the same input; a null is distinguished from an empty value.
 */
final class ChainLink {

    /** The link before the first event. */
    static final byte[] GENESIS = new byte[32];

    private ChainLink() {}

    static byte[] next(byte[] previous, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(ByteBuffer.allocate(16)
                .putLong(event.globalIndex())
                .putLong(event.sequenceNumber())
                .array());
        field(sha256, text(event.eventId()));
        field(sha256, text(event.aggregateId()));
        field(sha256, text(event.payloadType()));
        field(sha256, text(event.payloadRevision()));
        field(sha256, text(event.timestamp()));
        field(sha256, event.payload());
        field(sha256, event.metaData());
        return sha256.digest();
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(
                ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

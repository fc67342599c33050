package io.lyss.orchestrator.ids;

import java.nio.ByteBuffer;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for the gateway, from generators of its own. {@link UUID#randomUUID()} draws from the
 * JVM's NativePRNG, and every generator of that kind takes one lock, JVM-wide; the recording threads take it all the
 * time (a message id for every event Axon stores, a nonce for every sealed text) and run at nice 19, so one of
 * them preempted while holding it kept every request waiting for its id, for up to half a second under load
 * (docs/benchmarks.md, stop 20; ADR 0049). Each generator here is a DRBG with a lock of its own that only the
 * gateway's threads take; a thread uses the one its id points to.
 */
public final class RandomIds {

    private static final int GENERATORS = 8; // a power of two
    private static final SecureRandom[] RANDOMS = new SecureRandom[GENERATORS];
    private static final HexFormat HEX = HexFormat.of();

    static {
        for (int i = 0; i < GENERATORS; i++) {
            RANDOMS[i] = drbg();
        }
    }

    private RandomIds() {}

    /** A random UUID, as {@link UUID#randomUUID()} makes them (122 random bits). */
    public static UUID next() {
        byte[] bytes = new byte[16];
        RANDOMS[(int) (Thread.currentThread().threadId() & (GENERATORS - 1))].nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** {@link #next()} in its usual text form. */
    public static String nextText() {
        return next().toString();
    }

    /** {@link #next()} as 32 lowercase hex digits, its usual text form without the dashes. */
    public static String nextHex() {
        UUID id = next();
        return HEX.toHexDigits(id.getMostSignificantBits()) + HEX.toHexDigits(id.getLeastSignificantBits());
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance(
                    "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM offers no DRBG", e);
        }
    }
}

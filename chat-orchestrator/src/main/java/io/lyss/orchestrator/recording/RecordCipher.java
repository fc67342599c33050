package io.lyss.orchestrator.recording;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts the turns in a {@link TurnBacklog} with AES-GCM, so that questions and answers never lie in a file in
 * plain text (the command side seals them before they reach the log: ADR 0026). The nonce is the number of the
 * process run that wrote the record (counted in the file, so a process that resumes a file after a crash never
 * writes again under a nonce the one before used) and the record's position in the backlog (which only grows). Not
 * thread-safe: one instance per thread that uses it.
 */
final class RecordCipher {

    /** Bytes the tag adds to each record. */
    static final int OVERHEAD = 16;

    private static final int NONCE_BYTES = 12;

    private final SecretKey key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_BYTES];

    RecordCipher(SecretKey key) {
        this.key = key;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Writes {@code plain}, encrypted, at {@code target}'s position ({@code plain.length + OVERHEAD} bytes). */
    void encrypt(byte[] plain, int run, long position, ByteBuffer target) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonceFor(run, position));
            cipher.doFinal(ByteBuffer.wrap(plain), target);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A turn could not be encrypted", e);
        }
    }

    /** The plain bytes of the record at {@code source}; null when they do not open (a damaged record). */
    byte[] decrypt(ByteBuffer source, int run, long position) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonceFor(run, position));
            byte[] plain = new byte[source.remaining() - OVERHEAD];
            cipher.doFinal(source, ByteBuffer.wrap(plain));
            return plain;
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A turn could not be decrypted", e);
        }
    }

    private GCMParameterSpec nonceFor(int run, long position) {
        ByteBuffer.wrap(nonce).putInt(run).putLong(position);
        return new GCMParameterSpec(OVERHEAD * 8, nonce);
    }
}

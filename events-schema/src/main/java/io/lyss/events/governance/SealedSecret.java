package io.lyss.events.governance;

/**
 * A provider secret encrypted with AES-GCM under a master key. Events carry only this, never the secret.
 *
 * @param masterKeyId which master key sealed it (supports rotation)
 * @param nonce base64 of the 96-bit GCM nonce
 * @param ciphertext base64 of the ciphertext followed by the GCM tag
 */
public record SealedSecret(String masterKeyId, String nonce, String ciphertext) {}

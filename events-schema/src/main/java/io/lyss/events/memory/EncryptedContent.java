package io.lyss.events.memory;

/**
 * Personal content encrypted with AES-GCM under the data key of one end user (crypto-shredding: deleting that
 * key makes every copy of the content in the log unreadable without rewriting the log).
 *
 * @param dataKeyId which of the user's data keys sealed it
 * @param nonce base64 of the 96-bit GCM nonce
 * @param ciphertext base64 of the ciphertext followed by the GCM tag
 */
public record EncryptedContent(String dataKeyId, String nonce, String ciphertext) {}

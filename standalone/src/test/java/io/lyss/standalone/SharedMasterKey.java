package io.lyss.standalone;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * One master key for every platform a test JVM starts. Their query sides share the event topic's partitions (one
 * consumer group per projection), so any of them may project a turn another one recorded, and must open the data
 * key that sealed it (ADR 0026): the keys are sealed under the master key.
 */
final class SharedMasterKey {

    static final String BASE64 = generate();

    private SharedMasterKey() {}

    private static String generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

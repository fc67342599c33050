package io.lyss.memory.crypto;

import java.util.Map;

/** What a memory event carries encrypted: the memory text and the caller's metadata. */
public record MemoryContent(String text, Map<String, Object> metadata) {

    public MemoryContent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}

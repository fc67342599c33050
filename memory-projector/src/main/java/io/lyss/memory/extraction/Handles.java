package io.lyss.memory.extraction;

import io.lyss.memory.index.MemoryRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Short handles ({@code m1}, {@code m2}...) for the existing memories shown to a model. The model never sees a
 * real id, and a handle it returns resolves only to a memory it was shown: a made-up handle resolves to nothing.
 */
final class Handles {

    private final Map<String, MemoryRecord> byHandle = new LinkedHashMap<>();

    Handles(List<MemoryRecord> existing) {
        for (MemoryRecord memory : existing) {
            byHandle.put("m" + (byHandle.size() + 1), memory);
        }
    }

    Map<String, MemoryRecord> all() {
        return byHandle;
    }

    Optional<MemoryRecord> resolve(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(byHandle.get(handle.strip()));
    }
}

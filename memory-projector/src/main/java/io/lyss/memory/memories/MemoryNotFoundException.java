package io.lyss.memory.memories;

/** No memory with this id in the caller's workspace (reported the same whether it exists elsewhere or not). */
public final class MemoryNotFoundException extends RuntimeException {

    public MemoryNotFoundException(String memoryId) {
        super("Memory " + memoryId + " not found.");
    }
}

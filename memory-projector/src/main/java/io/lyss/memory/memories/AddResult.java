package io.lyss.memory.memories;

/**
 * What an add did to one memory, in Mem0's shape.
 *
 * @param event ADD, UPDATE, DELETE or NONE
 * @param previousMemory the text before an UPDATE; null otherwise
 */
public record AddResult(String id, String memory, String event, String previousMemory) {}

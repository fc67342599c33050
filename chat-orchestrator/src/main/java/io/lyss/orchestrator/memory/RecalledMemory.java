package io.lyss.orchestrator.memory;

/** One memory found for a question, with its relevance score (higher is closer). */
public record RecalledMemory(String id, String text, double score) {}

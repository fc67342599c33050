package io.lyss.memory.extraction;

import java.util.List;

/**
 * An extractor's answer for one conversation.
 *
 * @param extractor how it was decided: {@code llm:<model>} or {@code rules}
 * @param rejectedHandles handles the model returned that name no memory it was shown (ignored)
 */
public record Decisions(List<Decision> decisions, String extractor, int rejectedHandles) {}

package io.lyss.memory.extraction;

import java.util.List;

/** The one prompt that both extracts facts and reconciles them with existing memories shown by handle. */
final class ExtractionPrompt {

    private ExtractionPrompt() {}

    static String system() {
        return """
                You keep long-term memories about a user. From the conversation, extract short, self-contained \
                facts about the user (preferences, personal details, plans, relationships, work). Compare each \
                fact with the existing memories, which are named only by handles such as "m1". For each fact \
                answer one decision:
                - ADD: a new fact (no id).
                - UPDATE: it changes or refines an existing memory; give that memory's id and the new text.
                - DELETE: it contradicts an existing memory; give that memory's id.
                - NONE: it is already known; give that memory's id.
                Use only ids from the list. Write facts in the third person without the user's name, e.g. \
                "Lives in Paris". Ignore the assistant's own statements and small talk.
                Answer only with JSON: {"memory":[{"event":"ADD|UPDATE|DELETE|NONE","id":"m1","text":"..."}]}""";
    }

    static String user(List<Message> conversation, Handles handles) {
        StringBuilder prompt = new StringBuilder("Existing memories:\n");
        if (handles.all().isEmpty()) {
            prompt.append("(none)\n");
        }
        handles.all().forEach((handle, memory) -> prompt.append("- ")
                .append(handle)
                .append(": ")
                .append(memory.memory())
                .append('\n'));
        prompt.append("\nConversation:\n");
        for (Message message : conversation) {
            prompt.append(message.role()).append(": ").append(message.content()).append('\n');
        }
        return prompt.toString();
    }
}

package io.lyss.memory.extraction;

/** One message of the conversation facts are extracted from. */
public record Message(String role, String content) {

    public boolean fromUser() {
        return "user".equals(role);
    }
}

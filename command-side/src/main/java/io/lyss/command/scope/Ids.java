package io.lyss.command.scope;

import java.util.UUID;

/** Identifiers carry their kind as a prefix ({@code ws_}, {@code ch_}, {@code key_}, {@code usr_}, {@code adk_}), so one can never pass for another. */
public enum Ids {
    WORKSPACE("ws_"),
    CHANNEL("ch_"),
    API_KEY("key_"),
    USER("usr_"),
    ADMIN_KEY("adk_");

    private final String prefix;

    Ids(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    public boolean isWellFormed(String id) {
        return id != null && id.startsWith(prefix) && id.length() == prefix.length() + 32;
    }
}

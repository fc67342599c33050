package io.lyss.events;

import java.util.Objects;

/**
 * Who caused an event: a user, a virtual key, an admin API key, the bootstrap admin token or the system itself.
 *
 * @param kind what sort of actor
 * @param id the actor's identifier (a user id, a key id, or a component name for the system)
 */
public record Actor(Kind kind, String id) {

    /** The sorts of actor. */
    public enum Kind {
        USER,
        API_KEY,
        ADMIN_TOKEN,
        ADMIN_KEY,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }

    public static Actor apiKey(String keyId) {
        return new Actor(Kind.API_KEY, keyId);
    }

    public static Actor user(String userId) {
        return new Actor(Kind.USER, userId);
    }

    public static Actor adminKey(String adminKeyId) {
        return new Actor(Kind.ADMIN_KEY, adminKeyId);
    }

    public static Actor adminToken() {
        return new Actor(Kind.ADMIN_TOKEN, "bootstrap-admin");
    }

    /** The form used in message metadata, e.g. {@code API_KEY:key_123}. */
    public String asText() {
        return kind + ":" + id;
    }
}

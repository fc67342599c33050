package io.lyss.orchestrator.cache;

import java.util.Locale;

/**
 * What a client asked of the cache in {@value AnswerCache#REQUEST_HEADER}: {@code off} or {@code no-store} (neither
 * read nor stored), {@code semantic} (a question close enough in meaning may match), or nothing.
 */
public record CacheHeader(String mode) {

    public static CacheHeader of(String value) {
        return new CacheHeader(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
    }

    public boolean bypasses() {
        return mode.equals("off") || mode.equals("no-store");
    }

    public boolean allowsSemantic() {
        return mode.equals("semantic");
    }
}

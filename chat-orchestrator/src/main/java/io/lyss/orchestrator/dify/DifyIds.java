package io.lyss.orchestrator.dify;

import io.lyss.orchestrator.ids.RandomIds;
import java.util.regex.Pattern;

/** Ids handed out by the Dify API (UUIDs, as Dify's); an id of any other shape cannot exist. */
final class DifyIds {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private DifyIds() {}

    static String next() {
        return RandomIds.nextText();
    }

    static boolean wellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}

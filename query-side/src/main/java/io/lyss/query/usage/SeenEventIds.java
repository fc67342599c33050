package io.lyss.query.usage;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The ids of the events a rebuild has already counted, in memory and compact: ids in UUID form (all ids the command
 * side assigns) take 16 bytes each in an open-addressing table of two long arrays; any other id goes to a plain set.
 * A million ids take about 32 MB.
 */
final class SeenEventIds {

    private static final double MAX_LOAD = 0.6;

    private long[] high;
    private long[] low;
    private boolean[] used;
    private int uuids;
    private final Set<String> others = new HashSet<>();

    SeenEventIds() {
        allocate(1 << 16);
    }

    /** Adds an id; true when it was not there yet. */
    boolean add(String eventId) {
        UUID uuid = asUuid(eventId);
        if (uuid == null) {
            return others.add(eventId);
        }
        if (uuids + 1 > high.length * MAX_LOAD) {
            grow();
        }
        return insert(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    int size() {
        return uuids + others.size();
    }

    private boolean insert(long hi, long lo) {
        int mask = high.length - 1;
        int slot = mix(hi, lo) & mask;
        while (used[slot]) {
            if (high[slot] == hi && low[slot] == lo) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        high[slot] = hi;
        low[slot] = lo;
        uuids++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        boolean[] oldUsed = used;
        allocate(oldHigh.length * 2);
        uuids = 0;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldUsed[i]) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        used = new boolean[capacity];
    }

    private static int mix(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The id as a UUID when it is written as one in canonical lower-case form (so the text round-trips), else null. */
    private static UUID asUuid(String id) {
        if (id.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return UUID.fromString(id);
    }
}

package io.lyss.standalone;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the garbage collector did over a phase of a benchmark, per collector of this JVM (with G1: the young and mixed
 * pauses, the concurrent cycles, full collections): how many times and for how long.
 */
final class PhaseGc {

    private final Map<String, long[]> atStart;

    private PhaseGc() {
        this.atStart = now();
    }

    /** Starts counting. */
    static PhaseGc start() {
        return new PhaseGc();
    }

    /** E.g. {@code G1 Young Generation 12 x, 240 ms; G1 Concurrent GC 1 x, 80 ms}: collectors that ran since start. */
    String since() {
        Map<String, long[]> end = now();
        String ran = end.entrySet().stream()
                .filter(collector -> collector.getValue()[0] > atStart.get(collector.getKey())[0])
                .map(collector -> String.format(
                        Locale.ROOT,
                        "%s %d x, %d ms",
                        collector.getKey(),
                        collector.getValue()[0] - atStart.get(collector.getKey())[0],
                        collector.getValue()[1] - atStart.get(collector.getKey())[1]))
                .collect(Collectors.joining("; "));
        return ran.isEmpty() ? "none" : ran;
    }

    private static Map<String, long[]> now() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            counts.put(collector.getName(), new long[] {collector.getCollectionCount(), collector.getCollectionTime()});
        }
        return counts;
    }
}

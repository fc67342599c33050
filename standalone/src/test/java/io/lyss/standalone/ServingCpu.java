package io.lyss.standalone;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU this JVM spent over a phase of a benchmark, split into the threads that serve HTTP requests (the carriers of
 * the virtual threads Tomcat runs each request on, and Tomcat's own acceptor and poller) and all of the process (the
 * mock upstream and the recording included). A phase's CPU per request does not depend on how fast the shared
 * machine happens to be, as its requests per second do (docs/benchmarks.md).
 */
final class ServingCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Map<Long, Long> servingAtStart;
    private final long processAtStart;

    private ServingCpu() {
        this.servingAtStart = servingThreadsCpu();
        this.processAtStart = PROCESS.getProcessCpuTime();
    }

    /** Starts measuring. */
    static ServingCpu start() {
        return new ServingCpu();
    }

    /** Microseconds of CPU per request since {@link #start()}: the serving threads', then the whole process's. */
    double[] microsPerRequest(long requests) {
        long serving = 0;
        for (var thread : servingThreadsCpu().entrySet()) {
            serving += thread.getValue() - servingAtStart.getOrDefault(thread.getKey(), 0L);
        }
        long process = PROCESS.getProcessCpuTime() - processAtStart;
        return new double[] {serving / 1_000.0 / requests, process / 1_000.0 / requests};
    }

    private static Map<Long, Long> servingThreadsCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && serves(thread.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    cpu.put(thread.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** Virtual threads' carriers (the JDK's scheduler pool) and Tomcat's connector threads. */
    private static boolean serves(String name) {
        return (name.startsWith("ForkJoinPool-") && name.contains("-worker-")) || name.startsWith("http-nio-");
    }
}

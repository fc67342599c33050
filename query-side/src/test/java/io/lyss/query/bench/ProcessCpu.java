package io.lyss.query.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM, the local PostgreSQL (postmaster, its live backends and the exited ones it
 * reaped) and the Kafka broker, read from {@code /proc}. On a machine shared with other work, events per CPU-second
 * say more than events per wall-clock second.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Path state;

    ProcessCpu(Path state) {
        this.state = state;
    }

    /** CPU seconds per component: benchmark JVM, PostgreSQL, Kafka (-1 where unknown). */
    double[] now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        return new double[] {
            jvm,
            postgres(),
            pidFile(state.resolve("run/kafka.pid")).stream()
                    .mapToDouble(pid -> ticks(pid, false) / TICKS_PER_SECOND)
                    .findFirst()
                    .orElse(-1)
        };
    }

    private double postgres() {
        OptionalLong postmaster = pidFile(state.resolve("data/postgres/postmaster.pid"));
        if (postmaster.isEmpty()) {
            return -1;
        }
        long total = ticks(postmaster.getAsLong(), true);
        for (long child : children(postmaster.getAsLong())) {
            total += ticks(child, false);
        }
        return total / TICKS_PER_SECOND;
    }

    private static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                String[] fields = stat(Long.parseLong(p.getFileName().toString()));
                if (fields != null && Long.parseLong(fields[1]) == parent) {
                    children.add(Long.parseLong(p.getFileName().toString()));
                }
            });
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /** utime + stime (+ cutime + cstime of reaped children) in clock ticks. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String[] fields = stat(pid);
        if (fields == null) {
            return 0;
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks;
    }

    /** Fields of /proc/pid/stat after the command name: [0]=state, [1]=ppid, ... [11]=utime, [12]=stime. */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static OptionalLong pidFile(Path file) {
        try {
            return OptionalLong.of(
                    Long.parseLong(Files.readAllLines(file).getFirst().trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}

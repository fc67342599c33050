package io.lyss.orchestrator.recording;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a JVM of its own by {@link KeptBacklogTest}: appends ten turns to a kept backlog, stores and releases the
 * first three, takes two more as a sender would, then dies at once ({@link Runtime#halt}: no shutdown hook, no
 * close), as a process killed in the middle of its work does.
 */
public final class BacklogCrashDrill {

    static final int EXIT_CODE = 3;

    private BacklogCrashDrill() {}

    public static void main(String[] args) throws Exception {
        var backlog = new TurnBacklog(
                BacklogFile.kept(Path.of(args[0]), KeptBacklogTest.RING_BYTES, KeptBacklogTest.sealer("a")));
        for (int i = 0; i < 10; i++) {
            backlog.append(KeptBacklogTest.turn(i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        }
        backlog.release(backlog.take(3, Duration.ZERO, Duration.ZERO));
        backlog.take(2, Duration.ZERO, Duration.ZERO); // being sent when the process dies: not released
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}

package io.lyss.standalone;

import java.util.List;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * The warnings and errors the platform logged during a test, for failure messages: CI shows a failure's message,
 * not the test's log file, so an unexpected answer names what the server said about it.
 */
final class ServerLog {

    private static final int LINES = 12;

    private ServerLog() {}

    static String problems(CapturedOutput output) {
        List<String> problems = output.getAll()
                .lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("Caused by:"))
                .toList();
        if (problems.isEmpty()) {
            return "";
        }
        return "\nthe server's last warnings and errors:\n"
                + String.join("\n", problems.subList(Math.max(0, problems.size() - LINES), problems.size()));
    }
}

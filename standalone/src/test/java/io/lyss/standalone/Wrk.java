package io.lyss.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} load generator (Debian package {@code wrk}) and reads its figures. */
final class Wrk {

    /** What one run measured. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {}

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result run(String url, String body, Map<String, String> headers, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("lyss-wrk", ".lua");
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n");
        lua.append("wrk.body = [==[").append(body).append("]==]\n");
        lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        headers.forEach((name, value) -> lua.append("wrk.headers[\"")
                .append(name)
                .append("\"] = \"")
                .append(value)
                .append("\"\n"));
        Files.writeString(script, lua.toString(), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t",
                String.valueOf(Math.min(2, connections)),
                "-c",
                String.valueOf(connections),
                "-d",
                seconds + "s",
                "--latency",
                "-s",
                script.toString(),
                url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.deleteIfExists(script);
        return parse(output);
    }

    static Result parse(String output) {
        double rps = 0;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long total = 0;
        long errors = 0;
        for (String line : output.lines().toList()) {
            Matcher m;
            if ((m = RPS.matcher(line)).find()) {
                rps = Double.parseDouble(m.group(1));
            } else if ((m = PERCENTILE.matcher(line)).find()) {
                double millis = toMillis(Double.parseDouble(m.group(2)), m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = millis;
                } else {
                    p99 = millis;
                }
            } else if ((m = TOTAL.matcher(line)).find()) {
                total = Long.parseLong(m.group(1));
            } else if ((m = NON_2XX.matcher(line)).find()) {
                errors += Long.parseLong(m.group(1));
            } else if ((m = SOCKET_ERRORS.matcher(line)).find()) {
                for (int i = 1; i <= 4; i++) {
                    errors += Long.parseLong(m.group(i));
                }
            }
        }
        if (Double.isNaN(p50)) {
            throw new IllegalStateException("Unexpected wrk output:\n" + output);
        }
        return new Result(rps, p50, p99, total, errors);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}

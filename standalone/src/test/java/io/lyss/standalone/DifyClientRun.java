package io.lyss.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/dify-client/dify-compat.mjs} with Node: the official {@code dify-client} npm package (pinned
 * by the committed lockfile, installed with {@code npm ci} on first use) against the running server.
 */
final class DifyClientRun {

    private static final Path FOLDER = Path.of("src/test/dify-client").toAbsolutePath();

    private DifyClientRun() {}

    /** The script's one-line JSON report; fails with its output when it exits non-zero. */
    static JsonNode against(String baseUrl, String key) throws IOException, InterruptedException {
        if (!Files.isDirectory(FOLDER.resolve("node_modules/dify-client"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, null);
        }
        String output = run(List.of("node", "dify-compat.mjs"), baseUrl, key);
        String report = output.lines()
                .filter(line -> line.startsWith("{"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("dify-compat.mjs printed no report:\n" + output));
        return new ObjectMapper().readTree(report);
    }

    private static String run(List<String> command, String baseUrl, String key)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true);
        if (baseUrl != null) {
            builder.environment().put("LYSS_BASE_URL", baseUrl);
            builder.environment().put("LYSS_KEY", key);
        }
        File log = Files.createTempFile("dify-client", ".log").toFile();
        builder.redirectOutput(log);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 3 minutes");
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        Files.deleteIfExists(log.toPath());
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}

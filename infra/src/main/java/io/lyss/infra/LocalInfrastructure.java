package io.lyss.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL, Kafka and Elasticsearch started by {@code infra/bin/lyss-infra}, as tests and tools reach
 * them: connection settings from {@code <state>/run/infra.env}, and the script itself to stop or start a
 * component (e.g. to prove that nothing is lost while Kafka is down).
 */
public final class LocalInfrastructure {

    private final Path repositoryRoot;
    private final Map<String, String> settings;

    private LocalInfrastructure(Path repositoryRoot, Map<String, String> settings) {
        this.repositoryRoot = repositoryRoot;
        this.settings = settings;
    }

    /**
     * Finds the running infrastructure from the current directory upwards. Fails with the command to run when it
     * has not been started.
     */
    public static LocalInfrastructure discover() {
        Path root = findRepositoryRoot(Path.of("").toAbsolutePath());
        String home = System.getenv("LYSS_HOME");
        Path state = home == null || home.isBlank() ? root.resolve(".lyss") : root.resolve(home);
        Path envFile = state.resolve("run/infra.env");
        if (!Files.isReadable(envFile)) {
            throw new IllegalStateException("The local infrastructure is not running (" + envFile
                    + " is missing). Run './lyss test' or 'infra/bin/lyss-infra start' first.");
        }
        return new LocalInfrastructure(root, readEnvFile(envFile));
    }

    public String postgresUrl() {
        return setting("LYSS_PG_URL");
    }

    public String postgresUser() {
        return setting("LYSS_PG_USER");
    }

    public String postgresPassword() {
        return setting("LYSS_PG_PASSWORD");
    }

    public String kafkaBootstrapServers() {
        return setting("LYSS_KAFKA_BOOTSTRAP");
    }

    public String elasticsearchUrl() {
        return setting("LYSS_ES_URL");
    }

    /** Stops one component ({@code postgres}, {@code kafka}, {@code elasticsearch}) and waits until it is down. */
    public void stop(String component) {
        runScript("stop", component);
    }

    /** Starts one component and waits until it is ready. */
    public void start(String component) {
        runScript("start", component);
    }

    private void runScript(String command, String component) {
        try {
            Process process = new ProcessBuilder(
                            repositoryRoot.resolve("infra/bin/lyss-infra").toString(), command, component)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("lyss-infra " + command + " " + component + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during lyss-infra " + command, e);
        }
    }

    private String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is missing from infra.env; restart the infrastructure");
        }
        return value;
    }

    private static Path findRepositoryRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("infra/bin/lyss-infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the Lyss repository: no infra/bin/lyss-infra above " + start);
    }

    private static Map<String, String> readEnvFile(Path file) {
        try {
            Map<String, String> values = new HashMap<>();
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    values.put(
                            line.substring(0, equals).trim(),
                            line.substring(equals + 1).trim());
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

package io.lyss.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The thread test runs first: once LangChain4j's own model has started its pool, the pool stays (and spins) for good. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallerThreadMiniLmTest {

    private static final Path TASKS = Path.of("/proc/self/task");

    @Test
    @Order(2)
    void givesTheVectorsOfLangChain4jsModel() {
        String sentence = "The invoice for October was paid twice by mistake.";

        float[] ours = new CallerThreadMiniLm().embed(sentence).content().vector();
        float[] stock = new AllMiniLmL6V2QuantizedEmbeddingModel()
                .embed(sentence)
                .content()
                .vector();

        assertThat(ours).hasSize(CallerThreadMiniLm.DIMENSIONS);
        assertThat(cosine(ours, stock)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    @Order(1)
    void computesOnTheCallingThreadOnly() {
        assumeTrue(Files.isDirectory(TASKS), "needs Linux's /proc to see which threads work");
        var model = new CallerThreadMiniLm();
        model.embed("warming up");
        Map<String, Long> before = cpuTicksOfOtherNativeThreads();

        for (int i = 0; i < 50; i++) {
            model.embed("question number " + i + " about the quarterly budget of the research workspace");
        }

        Map<String, Long> after = cpuTicksOfOtherNativeThreads();
        assertThat(after.entrySet())
                .as("native threads (ONNX Runtime's pool) other than the caller that worked while it embedded")
                .noneMatch(thread -> thread.getValue() > before.getOrDefault(thread.getKey(), 0L));
    }

    /**
     * CPU ticks of the threads that kept the process's name, other than the calling one: threads started by native
     * code, as the JVM names each of its own.
     */
    private static Map<String, Long> cpuTicksOfOtherNativeThreads() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            String process = Files.readString(Path.of("/proc/self/comm")).strip();
            String caller =
                    Path.of("/proc/thread-self").toRealPath().getFileName().toString();
            Map<String, Long> ticks = new HashMap<>();
            tasks.filter(task -> !task.getFileName().toString().equals(caller))
                    .filter(task -> process.equals(read(task.resolve("comm"))))
                    .forEach(task -> ticks.put(task.getFileName().toString(), cpuTicks(task)));
            return ticks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User plus system time of a thread, from the fields after its name in {@code stat}. */
    private static long cpuTicks(Path task) {
        String stat = read(task.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields.length > 12 ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}

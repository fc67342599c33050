package io.lyss.orchestrator.cache;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Questions of reusable answers as embeddings, per workspace and model, searched by cosine similarity. The
 * embedding model runs in process (all-MiniLM-L6-v2, quantized: a few milliseconds per sentence) and is loaded on
 * first use. A question is embedded once, when its turn is projected, never on the request path; only the asking
 * question is embedded there, and only when the client opted in. A search takes no lock: the feed that adds runs at
 * nice 19, and a lock it held while preempted would hold every request that searches (ADR 0049).
 */
public final class SemanticIndex {

    private record Entry(float[] vector, CachedAnswer answer, String owner) {}

    private final Supplier<EmbeddingModel> modelSupplier;
    private final double threshold;
    private final int maxEntries;
    private final Map<String, Deque<Entry>> byScope = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile EmbeddingModel model;

    public SemanticIndex(Supplier<EmbeddingModel> modelSupplier, double threshold, int maxEntries) {
        this.modelSupplier = modelSupplier;
        this.threshold = threshold;
        this.maxEntries = maxEntries;
    }

    /** An index that never matches and never embeds, for when semantic caching is off. */
    public static SemanticIndex disabled() {
        return new SemanticIndex(null, 1.0, 0);
    }

    Optional<CachedAnswer> nearest(String workspaceId, String model, String question) {
        if (modelSupplier == null) {
            return Optional.empty();
        }
        Deque<Entry> entries = byScope.get(scope(workspaceId, model));
        if (entries == null) {
            return Optional.empty();
        }
        float[] asked = embed(question);
        Entry best = null;
        double bestSimilarity = threshold;
        for (Entry entry : entries) {
            double similarity = dot(asked, entry.vector());
            if (similarity >= bestSimilarity) {
                best = entry;
                bestSimilarity = similarity;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        CachedAnswer answer = best.answer();
        return Optional.of(new CachedAnswer(
                "semantic",
                answer.sourceTurnId(),
                answer.answer(),
                answer.finishReason(),
                answer.promptTokens(),
                answer.completionTokens(),
                answer.costMicros(),
                Math.min(1.0, bestSimilarity)));
    }

    void add(String workspaceId, String model, String question, CachedAnswer answer, String owner) {
        if (modelSupplier == null || question == null || question.isBlank()) {
            return;
        }
        var entry = new Entry(embed(question), answer, owner);
        Deque<Entry> entries = byScope.computeIfAbsent(scope(workspaceId, model), s -> new ConcurrentLinkedDeque<>());
        entries.addLast(entry);
        if (size.incrementAndGet() > maxEntries && entries.pollFirst() != null) {
            // Drop the oldest entry of the scope that was just added to: cheap and keeps the total bounded.
            size.decrementAndGet();
        }
    }

    /** Drops the entries of one owner (a forgotten user's turns). */
    void forget(String owner) {
        for (Deque<Entry> entries : byScope.values()) {
            for (Entry entry : entries) {
                if (owner.equals(entry.owner()) && entries.removeFirstOccurrence(entry)) {
                    size.decrementAndGet();
                }
            }
        }
    }

    /** The normalised embedding (all-MiniLM vectors are unit length, so a dot product is the cosine). */
    private float[] embed(String text) {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (modelSupplier) {
                if (model == null) {
                    model = modelSupplier.get();
                }
                current = model;
            }
        }
        float[] vector = current.embed(text).content().vector();
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static String scope(String workspaceId, String model) {
        return workspaceId + '\u0000' + model;
    }
}

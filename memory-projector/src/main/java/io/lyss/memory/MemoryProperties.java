package io.lyss.memory;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the memory projector ({@code lyss.memory.*}).
 *
 * @param enabled whether the memory projector runs in this process
 * @param kafkaBootstrapServers where events are read from
 * @param commandSideUrl where memory changes are recorded as events
 * @param index the Elasticsearch index name
 * @param pollTimeout how long one poll of a follower waits for events
 * @param extraction which model extracts memories from turns
 * @param embedding which model embeds memories
 */
@ConfigurationProperties("lyss.memory")
public record MemoryProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1:59092") String kafkaBootstrapServers,
        @DefaultValue("http://127.0.0.1:8080") String commandSideUrl,
        @DefaultValue("lyss-memories-v1") String index,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue Extraction extraction,
        @DefaultValue Embedding embedding) {

    /**
     * The memory model, reached through Lyss's own {@code /v1/chat/completions} so its spend is recorded as
     * {@code TokensSpent} with reason {@code memory}. Without a model for a workspace, rules extract.
     *
     * @param chatUrl base URL of a Lyss chat orchestrator
     * @param model default memory model; blank: rules
     * @param virtualKey default virtual key the memory model is called with
     * @param workspaces per workspace: its own model and key
     * @param timeout how long one extraction call may take
     */
    public record Extraction(
            @DefaultValue("http://127.0.0.1:8080") String chatUrl,
            String model,
            String virtualKey,
            Map<String, Model> workspaces,
            @DefaultValue("60s") Duration timeout) {

        public Extraction {
            workspaces = workspaces == null ? Map.of() : Map.copyOf(workspaces);
        }

        /** The model for a workspace, or null when rules extract there. */
        public Model modelFor(String workspaceId) {
            Model own = workspaces.get(workspaceId);
            if (own != null && own.model() != null && !own.model().isBlank()) {
                return own;
            }
            return model == null || model.isBlank() ? null : new Model(model, virtualKey);
        }

        @Override
        public String toString() {
            return "Extraction[" + chatUrl + ", " + model + ", keys redacted]";
        }
    }

    /** A memory model and the virtual key it is called with. */
    public record Model(String model, String virtualKey) {

        @Override
        public String toString() {
            return "Model[" + model + ", key redacted]";
        }
    }

    /**
     * @param baseUrl an OpenAI-compatible embeddings endpoint; blank: the in-process all-MiniLM-L6-v2
     * @param apiKey its key
     * @param model its model name
     * @param dimensions the vector size it returns
     */
    public record Embedding(String baseUrl, String apiKey, String model, @DefaultValue("384") int dimensions) {

        @Override
        public String toString() {
            return "Embedding[" + baseUrl + ", " + model + ", " + dimensions + "]";
        }
    }
}

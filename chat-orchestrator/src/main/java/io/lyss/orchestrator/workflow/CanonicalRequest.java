package io.lyss.orchestrator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exact-cache key of a request: its body with keys sorted, no whitespace, and the fields that only shape the
 * transport ({@code stream}, {@code stream_options}) removed, so that a streamed and a blocking request for the
 * same thing share one entry.
 */
public final class CanonicalRequest {

    /** Request header by which a request opts in to semantic cache matching. */
    public static final String SEMANTIC_OPT_IN_HEADER = "X-Lyss-Semantic-Cache";

    private static final Set<String> TRANSPORT_FIELDS = Set.of("stream", "stream_options");

    private CanonicalRequest() {}

    public static String of(JsonNode body, ObjectMapper json) {
        ObjectNode canonical = json.createObjectNode();
        new TreeSet<String>(iterable(body)).forEach(field -> {
            if (!TRANSPORT_FIELDS.contains(field)) {
                canonical.set(field, sorted(body.get(field), json));
            }
        });
        return canonical.toString();
    }

    private static JsonNode sorted(JsonNode node, ObjectMapper json) {
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            new TreeSet<String>(iterable(node)).forEach(field -> copy.set(field, sorted(node.get(field), json)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(element -> copy.add(sorted(element, json)));
            return copy;
        }
        return node;
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

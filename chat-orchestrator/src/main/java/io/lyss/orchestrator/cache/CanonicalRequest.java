package io.lyss.orchestrator.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A request body in canonical form: keys sorted at every level, no whitespace, and the fields that only say how
 * the answer travels ({@code stream}, {@code stream_options}) removed. Two requests asking the same thing have the
 * same canonical form, hence the same exact-cache key.
 */
public final class CanonicalRequest {

    private static final Set<String> TRANSPORT_ONLY = Set.of("stream", "stream_options");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalRequest() {}

    public static String of(ObjectNode body) {
        ObjectNode canonical = sorted(body);
        TRANSPORT_ONLY.forEach(canonical::remove);
        return canonical.toString();
    }

    /** SHA-256 of the canonical form, hex: what {@code TurnCompleted.requestHash} carries. */
    public static String hash(String canonicalRequest) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static ObjectNode sorted(JsonNode object) {
        ObjectNode result = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        for (String name : names) {
            result.set(name, canonical(object.get(name)));
        }
        return result;
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            return sorted(node);
        }
        if (node.isArray()) {
            var array = JSON.createArrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }
}

package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The id, creation time and model that every chunk of one completion repeats. */
record CompletionIdentity(String id, long created, String model) {

    void writeTo(ObjectNode node, String object) {
        node.put("id", id).put("object", object).put("created", created).put("model", model);
        node.putNull("system_fingerprint");
    }
}

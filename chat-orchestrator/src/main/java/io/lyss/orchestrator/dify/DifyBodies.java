package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.http.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** Reads a Dify request body within the size limit; an empty body reads as {@code {}}. */
final class DifyBodies {

    private DifyBodies() {}

    static JsonNode read(HttpServletRequest request, int maxBytes, ObjectMapper json) {
        byte[] body;
        try {
            body = RequestBodies.readUpTo(request, maxBytes);
        } catch (IOException e) {
            throw DifyError.invalidParam("The request body could not be read.");
        }
        if (body.length > maxBytes) {
            throw DifyError.tooLarge(maxBytes);
        }
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode parsed = json.readTree(body);
            if (parsed == null || !parsed.isObject()) {
                throw DifyError.invalidParam("The request body must be a JSON object.");
            }
            return parsed;
        } catch (IOException e) {
            throw DifyError.invalidParam("The request body is not valid JSON.");
        }
    }
}

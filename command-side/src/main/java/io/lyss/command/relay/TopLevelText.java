package io.lyss.command.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a few top-level fields of a JSON object as text, with a parser that skips everything else instead of
 * binding the object to a class or a map.
 */
final class TopLevelText {

    private final JsonFactory json;

    TopLevelText(JsonFactory json) {
        this.json = json;
    }

    /**
     * The named fields that hold a scalar (a number or boolean as its JSON text); a field that is absent, null, an
     * object or an array is left out.
     *
     * @throws UncheckedIOException when the bytes are not a JSON object
     */
    Map<String, String> of(byte[] object, Set<String> names) {
        Map<String, String> found = new HashMap<>(names.size() * 2);
        try (JsonParser parser = json.createParser(object)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME && found.size() < names.size()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (names.contains(name) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    found.put(name, parser.getText());
                }
                parser.skipChildren();
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event's payload or metadata is not a JSON object", e);
        }
    }
}

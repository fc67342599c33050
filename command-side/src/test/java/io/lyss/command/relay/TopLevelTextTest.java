package io.lyss.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.EventJson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopLevelTextTest {

    private final TopLevelText fields = new TopLevelText(EventJson.newFactory());

    @Test
    void readsTheNamedTopLevelScalarsOnly() {
        byte[] json =
                """
                {"nested":{"a":"inner"},"list":["a"],"a":"outer","b":42,"c":true,"d":null,"e":{"x":1},"f":"unasked"}
                """
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(fields.of(json, Set.of("a", "b", "c", "d", "e", "missing")))
                .isEqualTo(Map.of("a", "outer", "b", "42", "c", "true"));
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThatThrownBy(() -> fields.of("[1,2]".getBytes(StandardCharsets.UTF_8), Set.of("a")))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> fields.of("{\"a\":".getBytes(StandardCharsets.UTF_8), Set.of("b")))
                .isInstanceOf(UncheckedIOException.class);
    }
}

package io.lyss.orchestrator.dify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DifyChatRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDifyClientRequestIsUnderstood() throws Exception {
        var request = DifyChatRequest.parse(
                json.readTree(
                        "{\"inputs\":{\"model\":\"gpt\"},\"query\":\"Hi\",\"user\":\"u1\",\"response_mode\":\"streaming\",\"files\":null,\"conversation_id\":\"\"}"));

        assertThat(request.query()).isEqualTo("Hi");
        assertThat(request.streaming()).isTrue();
        assertThat(request.user()).isEqualTo("u1");
        assertThat(request.conversationId()).isNull();
        assertThat(request.model()).isEqualTo("gpt");
    }

    @Test
    void blockingIsTheDefault() throws Exception {
        assertThat(DifyChatRequest.parse(json.readTree("{\"query\":\"Hi\"}")).streaming())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{}",
                "{\"query\":\"  \"}",
                "{\"query\":7}",
                "{\"query\":\"Hi\",\"inputs\":[]}",
                "{\"query\":\"Hi\",\"inputs\":{\"model\":3}}",
                "{\"query\":\"Hi\",\"response_mode\":\"fast\"}",
                "{\"query\":\"Hi\",\"response_mode\":true}",
                "{\"query\":\"Hi\",\"user\":{}}",
                "{\"query\":\"Hi\",\"conversation_id\":5}",
                "{\"query\":\"Hi\",\"files\":[{\"type\":\"image\"}]}"
            })
    void badBodiesAreInvalidParams(String body) throws Exception {
        var parsed = json.readTree(body);
        assertThatThrownBy(() -> DifyChatRequest.parse(parsed)).isInstanceOfSatisfying(DifyError.class, error -> {
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.code()).isEqualTo("invalid_param");
        });
    }
}

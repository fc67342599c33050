package io.lyss.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void keyOrderWhitespaceAndTransportFieldsDoNotChangeTheKey() throws Exception {
        String streamed = CanonicalRequest.of(
                json.readTree(
                        "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                json);
        String blocking = CanonicalRequest.of(
                json.readTree("{ \"messages\" : [ {\"content\":\"Hi\", \"role\":\"user\"} ], \"model\":\"m\" }"), json);

        assertThat(streamed)
                .isEqualTo(blocking)
                .isEqualTo("{\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"}],\"model\":\"m\"}");
    }

    @Test
    void aDifferentQuestionIsADifferentKey() throws Exception {
        assertThat(CanonicalRequest.of(json.readTree("{\"model\":\"m\",\"q\":\"a\"}"), json))
                .isNotEqualTo(CanonicalRequest.of(json.readTree("{\"model\":\"m\",\"q\":\"b\"}"), json));
    }
}

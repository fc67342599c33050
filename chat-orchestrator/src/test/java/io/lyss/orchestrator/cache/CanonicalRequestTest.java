package io.lyss.orchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSameQuestionAskedDifferentlyHasOneForm() throws Exception {
        var streamed = (ObjectNode)
                json.readTree(
                        """
                {"stream":true,"stream_options":{"include_usage":true},"model":"m",
                 "messages":[{"content":"Hi","role":"user"}],"temperature":0}
                """);
        var blocking = (ObjectNode)
                json.readTree(
                        """
                {"temperature":0, "model":"m", "messages":[{"role":"user","content":"Hi"}]}
                """);
        assertThat(CanonicalRequest.of(streamed)).isEqualTo(CanonicalRequest.of(blocking));
        assertThat(CanonicalRequest.of(blocking))
                .isEqualTo("{\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"}],\"model\":\"m\",\"temperature\":0}");
    }

    @Test
    void anythingThatChangesTheAnswerChangesTheHash() throws Exception {
        String base = CanonicalRequest.of((ObjectNode) json.readTree("{\"model\":\"m\",\"messages\":[],\"seed\":1}"));
        String other = CanonicalRequest.of((ObjectNode) json.readTree("{\"model\":\"m\",\"messages\":[],\"seed\":2}"));
        assertThat(CanonicalRequest.hash(base)).hasSize(64).isNotEqualTo(CanonicalRequest.hash(other));
    }
}

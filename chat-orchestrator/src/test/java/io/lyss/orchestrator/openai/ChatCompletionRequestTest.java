package io.lyss.orchestrator.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.chat.PromptMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatCompletionRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsWhatOpenAiClientsSend() throws Exception {
        var request = ChatCompletionRequest.parse(
                json.readTree(
                        """
                {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"temperature":0.2,
                 "max_tokens":50,"stop":"END","user":"u1",
                 "messages":[{"role":"system","content":"Be brief."},
                             {"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]}]}
                """));
        assertThat(request.model()).isEqualTo("gpt-4o-mini");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.maxTokens()).isEqualTo(50);
        assertThat(request.stop()).containsExactly("END");
        assertThat(request.messages())
                .containsExactly(new PromptMessage("system", "Be brief."), new PromptMessage("user", "Hi there"));
    }

    @Test
    void keepsFieldsOnlyAnOpenAiChannelCanHonourForPassThrough() throws Exception {
        var request = ChatCompletionRequest.parse(
                json.readTree(
                        """
                {"model":"gpt-4o","n":2,"seed":7,"logprobs":true,"response_format":{"type":"json_object"},
                 "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","lyss":{"cache":"semantic"},
                 "messages":[{"role":"user","content":"Weather?"},
                             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                              "function":{"name":"weather","arguments":"{}"}}]},
                             {"role":"tool","tool_call_id":"c1","content":"sunny"}]}
                """));
        assertThat(request.needsOpenAiChannel()).isTrue();
        assertThat(request.semanticCache()).isTrue();
        assertThat(request.body().has("lyss"))
                .as("Lyss's own extension is not sent upstream")
                .isFalse();
        assertThat(request.body().path("tools")).hasSize(1);
        assertThat(request.body().path("n").asInt()).isEqualTo(2);
    }

    @Test
    void aClientOfferingOnlyLegacyFunctionsIsAnsweredWithAFunctionCall() throws Exception {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        String functions = "\"functions\":[{\"name\":\"f\"}]";
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"g\"}}]";

        var legacy = ChatCompletionRequest.parse(json.readTree("{\"model\":\"m\"," + functions + "," + messages + "}"));
        var both = ChatCompletionRequest.parse(
                json.readTree("{\"model\":\"m\"," + functions + "," + tools + "," + messages + "}"));

        assertThat(legacy.answersWithFunctionCall()).isTrue();
        assertThat(legacy.needsOpenAiChannel()).isTrue();
        assertThat(both.answersWithFunctionCall()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[]                                                                  | ",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}             | model",
                "{\"model\":\"m\",\"messages\":[]}                                  | messages",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]} | messages[0].role",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":7}]}  | messages[0].content",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"} | stream",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":-1} | max_tokens",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[]} | tools",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":\"2\"} | n",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"} | temperature",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":3} | tool_choice",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]} | messages[0].tool_call_id",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[1]} | stop",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"functions\":[]} | functions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"functions\":[{}]} | functions[0].name",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"function_call\":\"any\"} | function_call",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]} | messages[0].name",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"function_call\":{}}]} | messages[0].function_call",
            })
    void refusesBadRequestsNamingTheField(String body, String param) {
        assertThatThrownBy(() -> ChatCompletionRequest.parse(json.readTree(body)))
                .isInstanceOfSatisfying(OpenAiError.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    var rendered = error.toJson(json).path("error");
                    assertThat(rendered.path("type").asText()).isEqualTo("invalid_request_error");
                    assertThat(
                                    rendered.path("param").isNull()
                                            ? null
                                            : rendered.path("param").asText())
                            .isEqualTo(param);
                });
    }
}

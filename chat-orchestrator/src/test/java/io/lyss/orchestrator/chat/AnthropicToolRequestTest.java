package io.lyss.orchestrator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicToolRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void toolsToolCallsAndToolResultsBecomeTheirLangChain4jCounterparts() throws Exception {
        ObjectNode body = (ObjectNode)
                json.readTree(
                        """
                {"model":"claude","tool_choice":{"type":"function","function":{"name":"get_weather"}},
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string","enum":["Paris","Lyon"]}},
                                 "required":["city"]}}}],
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Weather?"},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":"18 degrees"}]}
                """);
        var prompt = new UpstreamCaller.Prompt("claude", List.of(), 0.2, null, 100, List.of(), body, true);

        var request = AnthropicToolRequest.of(prompt, "claude-upstream");

        var parameters = (AnthropicChatRequestParameters) request.parameters();
        assertThat(parameters.modelName()).isEqualTo("claude-upstream");
        assertThat(parameters.maxOutputTokens()).isEqualTo(100);
        assertThat(parameters.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(parameters.toolChoiceName()).isEqualTo("get_weather");
        var tool = parameters.toolSpecifications().getFirst();
        assertThat(tool.name()).isEqualTo("get_weather");
        assertThat(tool.description()).isEqualTo("Weather");
        assertThat(tool.parameters().required()).containsExactly("city");
        assertThat(((JsonRawSchema) tool.parameters().properties().get("city")).schema())
                .contains("\"enum\":[\"Paris\",\"Lyon\"]");
        assertThat(request.messages()).hasSize(4);
        var call =
                ((AiMessage) request.messages().get(2)).toolExecutionRequests().getFirst();
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        var result = (ToolExecutionResultMessage) request.messages().get(3);
        assertThat(result.id()).isEqualTo("call_1");
        assertThat(result.toolName()).isEqualTo("get_weather");
        assertThat(result.text()).isEqualTo("18 degrees");
    }

    @Test
    void onlyRequestsWhoseOpenAiPartsAreToolsAreTranslatable() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
        assertThat(translatable("{" + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isTrue();
        assertThat(translatable("{" + tools + ",\"n\":2,\"messages\":[]}")).isFalse();
        assertThat(translatable("{" + tools + ",\"logprobs\":true,\"messages\":[]}"))
                .isFalse();
        assertThat(translatable("{\"response_format\":{\"type\":\"json_object\"},\"messages\":[]}"))
                .isFalse();
        assertThat(translatable("{\"tools\":[{\"type\":\"web_search\"}],\"messages\":[]}"))
                .isFalse();
        assertThat(translatable(
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}"))
                .isFalse();
    }

    private boolean translatable(String body) throws Exception {
        return AnthropicToolRequest.translatable((ObjectNode) json.readTree(body));
    }
}

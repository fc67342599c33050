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
    void legacyFunctionsAndFunctionMessagesBecomeToolsWithIdsMadeFromTheCallsPositions() throws Exception {
        ObjectNode body = (ObjectNode)
                json.readTree(
                        """
                {"model":"claude","function_call":{"name":"get_weather"},
                 "functions":[{"name":"get_weather","description":"Weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "messages":[{"role":"user","content":"Weather?"},
                   {"role":"assistant","content":null,"function_call":{"name":"get_weather",
                     "arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"role":"function","name":"get_weather","content":"18 degrees"},
                   {"role":"assistant","content":"And Lyon?","function_call":{"name":"get_weather",
                     "arguments":"{\\"city\\":\\"Lyon\\"}"}},
                   {"role":"function","name":"get_weather","content":"15 degrees"}]}
                """);
        var prompt = new UpstreamCaller.Prompt("claude", List.of(), null, null, 100, List.of(), body, true);

        var request = AnthropicToolRequest.of(prompt, "claude-upstream");

        var parameters = (AnthropicChatRequestParameters) request.parameters();
        assertThat(parameters.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(parameters.toolChoiceName()).isEqualTo("get_weather");
        assertThat(parameters.disableParallelToolUse()).isTrue();
        var tool = parameters.toolSpecifications().getFirst();
        assertThat(tool.name()).isEqualTo("get_weather");
        assertThat(tool.description()).isEqualTo("Weather");
        assertThat(tool.parameters().required()).containsExactly("city");
        assertThat(request.messages()).hasSize(5);
        var first =
                ((AiMessage) request.messages().get(1)).toolExecutionRequests().getFirst();
        assertThat(first.id()).isEqualTo("call_fn_1");
        assertThat(first.name()).isEqualTo("get_weather");
        assertThat(first.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        var firstResult = (ToolExecutionResultMessage) request.messages().get(2);
        assertThat(firstResult.id()).isEqualTo("call_fn_1");
        assertThat(firstResult.toolName()).isEqualTo("get_weather");
        assertThat(firstResult.text()).isEqualTo("18 degrees");
        var second = (AiMessage) request.messages().get(3);
        assertThat(second.text()).isEqualTo("And Lyon?");
        assertThat(second.toolExecutionRequests().getFirst().id()).isEqualTo("call_fn_3");
        assertThat(((ToolExecutionResultMessage) request.messages().get(4)).id())
                .isEqualTo("call_fn_3");
        assertThat(body.has("functions"))
                .as("the client's body is left as sent")
                .isTrue();
    }

    @Test
    void legacyFunctionCallNoneAndAutoMapToAnthropicsChoices() throws Exception {
        String functions = "\"functions\":[{\"name\":\"f\"}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        var none = parameters("{\"function_call\":\"none\"," + functions + "}");
        var auto = parameters("{\"function_call\":\"auto\"," + functions + "}");
        var absent = parameters("{" + functions + "}");
        var modern = parameters(
                "{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(none.toolChoice()).isEqualTo(ToolChoice.NONE);
        assertThat(none.disableParallelToolUse()).isNull();
        assertThat(auto.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(auto.disableParallelToolUse()).isTrue();
        assertThat(absent.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(absent.disableParallelToolUse()).isTrue();
        assertThat(modern.toolChoice()).isNull();
        assertThat(modern.disableParallelToolUse()).isNull();
    }

    private AnthropicChatRequestParameters parameters(String body) throws Exception {
        var prompt = new UpstreamCaller.Prompt(
                "claude", List.of(), null, null, null, List.of(), (ObjectNode) json.readTree(body), true);
        return (AnthropicChatRequestParameters)
                AnthropicToolRequest.of(prompt, "claude").parameters();
    }

    @Test
    void onlyRequestsWhoseOpenAiPartsAreToolsAreTranslatable() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
        assertThat(translatable("{" + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isTrue();
        assertThat(translatable("{" + tools + ",\"n\":2,\"messages\":[]}")).isFalse();
        assertThat(
                        translatable(
                                "{\"functions\":[{\"name\":\"f\"}],\"function_call\":\"auto\",\"messages\":[{\"role\":\"function\",\"name\":\"f\",\"content\":\"x\"}]}"))
                .isTrue();
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

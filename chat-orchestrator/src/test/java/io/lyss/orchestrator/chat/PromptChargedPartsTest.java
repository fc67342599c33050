package io.lyss.orchestrator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool definitions are prompt tokens too: a budget's reservation must count them. */
class PromptChargedPartsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<PromptMessage> messages = List.of(new PromptMessage("user", "What is the weather?"));

    @Test
    void toolAndFunctionDefinitionsAreChargedWithTheMessages() throws Exception {
        ObjectNode body = (ObjectNode)
                json.readTree(
                        """
                {"model":"m","messages":[{"role":"user","content":"What is the weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather of a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "functions":[{"name":"legacy_lookup","parameters":{"type":"object"}}]}""");
        var prompt = new UpstreamCaller.Prompt("m", messages, null, null, null, null, body, false);

        List<PromptMessage> charged = prompt.chargedParts();

        assertThat(charged).startsWith(messages.toArray(PromptMessage[]::new)).hasSize(3);
        assertThat(charged.get(1).text()).contains("get_weather", "Weather of a city");
        assertThat(charged.get(2).text()).contains("legacy_lookup");
        var tokenizer = new TokenEstimator();
        assertThat(tokenizer.prompt(charged)).isGreaterThan(tokenizer.prompt(messages));
    }

    @Test
    void aPromptWithoutDefinitionsIsChargedForItsMessagesOnly() {
        var openAi = new UpstreamCaller.Prompt("m", messages, null, null, null, null, json.createObjectNode(), false);
        var dify = new UpstreamCaller.Prompt("m", messages, null, null, null, null);

        assertThat(openAi.chargedParts()).isEqualTo(messages);
        assertThat(dify.chargedParts()).isEqualTo(messages);
    }
}

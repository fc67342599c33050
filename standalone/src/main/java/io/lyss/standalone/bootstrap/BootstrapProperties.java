package io.lyss.standalone.bootstrap;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first run of a standalone platform: which channels to create, and where to leave the demo credentials.
 *
 * @param stateFile where the demo workspace, key id and key are written (mode 600); nothing happens when absent
 * @param openaiApiKey creates an OpenAI channel instead of the demo provider
 * @param anthropicApiKey creates an Anthropic channel instead of the demo provider
 * @param ollamaBaseUrl creates an Ollama channel instead of the demo provider
 * @param ollamaModels the models the Ollama channel serves
 */
@ConfigurationProperties("lyss.bootstrap")
record BootstrapProperties(
        Path stateFile,
        String openaiApiKey,
        String anthropicApiKey,
        String ollamaBaseUrl,
        @DefaultValue("llama3.2") List<String> ollamaModels) {

    @Override
    public String toString() {
        return "BootstrapProperties[" + stateFile + ", secrets redacted]";
    }
}

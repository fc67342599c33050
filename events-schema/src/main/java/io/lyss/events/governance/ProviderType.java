package io.lyss.events.governance;

/** The wire protocol a channel speaks to its upstream provider. */
public enum ProviderType {
    /** OpenAI itself. */
    OPENAI,
    /** Anthropic's Messages API. */
    ANTHROPIC,
    /** Ollama, reached through its OpenAI-compatible API. */
    OLLAMA,
    /** Any server speaking OpenAI's chat completions protocol (vLLM, DeepSeek, GLM...). */
    OPENAI_COMPATIBLE,
    /** Lyss's built-in simulator: answers offline, costs nothing, says what it is. */
    DEMO
}

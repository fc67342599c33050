package io.lyss.orchestrator.openai;

/** What a client that offered legacy {@code functions} (and no {@code tools}) expects instead of tool calls. */
final class FunctionCallShape {

    private FunctionCallShape() {}

    /** {@code function_call} in place of {@code tool_calls} for a legacy client; other reasons unchanged. */
    static String finishReason(String finishReason, boolean legacyFunctions) {
        return legacyFunctions && "tool_calls".equals(finishReason) ? "function_call" : finishReason;
    }
}

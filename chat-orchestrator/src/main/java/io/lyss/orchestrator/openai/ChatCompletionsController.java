package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.http.RequestBodies;
import io.lyss.orchestrator.ids.RandomIds;
import io.lyss.orchestrator.recording.SpendReasons;
import io.lyss.orchestrator.workflow.ChatTurn;
import io.lyss.orchestrator.workflow.ChatWorkflow;
import io.lyss.orchestrator.workflow.WorkflowListener;
import io.lyss.orchestrator.workflow.WorkflowResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions}: authenticate the key, check the request, then run the chat workflow (memory,
 * cache, llm), which streams or returns the answer and reports the turn. Nothing on this path waits for a
 * database or a projection.
 */
@RestController
class ChatCompletionsController {

    /** Response header naming the turn (and so the workflow run and spend) a request was recorded as. */
    static final String TURN_ID_HEADER = "X-Lyss-Turn-Id";

    private final KeyAuthenticator authenticator;
    private final GovernanceView governance;
    private final ChatWorkflow workflow;
    private final SpendReasons spendReasons;
    private final ObjectMapper json;
    private final int maxRequestBytes;

    ChatCompletionsController(
            KeyAuthenticator authenticator,
            GovernanceView governance,
            ChatWorkflow workflow,
            SpendReasons spendReasons,
            ObjectMapper json,
            OrchestratorProperties properties) {
        this.authenticator = authenticator;
        this.governance = governance;
        this.workflow = workflow;
        this.spendReasons = spendReasons;
        this.json = json;
        this.maxRequestBytes = properties.maxRequestBytes();
    }

    /** Headers are read from the request itself: Spring's header arguments cost the hot path a conversion each. */
    @PostMapping({"/v1/chat/completions", "/v1/chat/completions/"})
    void complete(HttpServletRequest httpRequest, HttpServletResponse httpResponse) {
        long receivedAt = System.nanoTime();
        String cacheHeader = httpRequest.getHeader(CacheDirective.HEADER);
        KeyGrant grant = authenticator.authenticate(httpRequest.getHeader(HttpHeaders.AUTHORIZATION));
        JsonNode body = readBody(httpRequest);
        ChatCompletionRequest request = ChatCompletionRequest.parse(body);
        if (!grant.mayCall(request.model())) {
            throw OpenAiError.modelNotAllowed(request.model());
        }
        List<ChannelRoute> channels = governance.channelsServing(grant.workspaceId(), request.model());
        if (channels.isEmpty()) {
            throw OpenAiError.modelNotFound(request.model());
        }
        String memoryTurnId = spendReasons.memoryTurnId(httpRequest);
        String turnId = memoryTurnId != null ? memoryTurnId : RandomIds.nextHex();
        // Answers relayed from OpenAI-compatible channels keep the provider's id; this header names the turn.
        httpResponse.setHeader(TURN_ID_HEADER, turnId);
        var identity =
                new CompletionIdentity("chatcmpl-" + turnId, Instant.now().getEpochSecond(), request.model());
        AnswerSink sink = request.stream()
                ? new SseAnswerWriter(
                        httpResponse, json, identity, request.includeUsage(), request.answersWithFunctionCall())
                : new JsonAnswerWriter(httpResponse, json, identity, request.answersWithFunctionCall());
        var prompt = new UpstreamCaller.Prompt(
                request.model(),
                request.messages(),
                request.temperature(),
                request.topP(),
                request.maxTokens(),
                request.stop(),
                request.body(),
                request.needsOpenAiChannel());
        var cache = CacheDirective.of(request, cacheHeader, grant.semanticCache());
        var turn = new ChatTurn(
                "openai",
                "conv_" + turnId,
                memoryTurnId == null, // a named memory call may be repeated: its conversation may exist
                turnId,
                "run_" + turnId,
                grant,
                prompt,
                ChatTurn.lastUserMessage(request.messages()),
                request.user(),
                channels,
                cache.canonicalRequest(),
                cache.semantic(),
                receivedAt,
                spendReasons.of(httpRequest));
        WorkflowResult result = workflow.run(turn, sink, WorkflowListener.NONE);
        if (result.failure() != null) {
            throw result.failure();
        }
    }

    private JsonNode readBody(HttpServletRequest request) {
        byte[] body;
        try {
            body = RequestBodies.readUpTo(request, maxRequestBytes);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body could not be read.");
        }
        if (body.length > maxRequestBytes) {
            throw OpenAiError.requestTooLarge(maxRequestBytes);
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body is not valid JSON.");
        }
    }
}

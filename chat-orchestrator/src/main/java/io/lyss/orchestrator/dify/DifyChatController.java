package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.CacheHeader;
import io.lyss.orchestrator.cache.CanonicalRequest;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.workflow.ChatTurn;
import io.lyss.orchestrator.workflow.ChatWorkflow;
import io.lyss.orchestrator.workflow.WorkflowListener;
import io.lyss.orchestrator.workflow.WorkflowResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat-messages}: Dify's chat API over the same workflow as the OpenAI API. A follow-up names its
 * conversation; the earlier turns are sent to the model with the new query.
 */
@RestController
class DifyChatController {

    static final int HISTORY_TURNS = 20;

    private final KeyAuthenticator authenticator;
    private final GovernanceView governance;
    private final DifyModelChoice models;
    private final ChatWorkflow workflow;
    private final Conversations conversations;
    private final RecentConversations recent;
    private final DifyUsage usage;
    private final DifyPinger pinger;
    private final ObjectMapper json;
    private final int maxRequestBytes;

    DifyChatController(
            KeyAuthenticator authenticator,
            GovernanceView governance,
            DifyModelChoice models,
            ChatWorkflow workflow,
            Conversations conversations,
            RecentConversations recent,
            DifyUsage usage,
            DifyPinger pinger,
            ObjectMapper json,
            OrchestratorProperties settings) {
        this.authenticator = authenticator;
        this.governance = governance;
        this.models = models;
        this.workflow = workflow;
        this.conversations = conversations;
        this.recent = recent;
        this.usage = usage;
        this.pinger = pinger;
        this.json = json;
        this.maxRequestBytes = settings.maxRequestBytes();
    }

    /** Headers are read from the request itself: Spring's header arguments cost the hot path a conversion each. */
    @PostMapping("/v1/chat-messages")
    void chat(HttpServletRequest httpRequest, HttpServletResponse httpResponse) throws IOException {
        long receivedAt = System.nanoTime();
        String cacheHeader = httpRequest.getHeader(AnswerCache.REQUEST_HEADER);
        KeyGrant grant = authenticator.authenticate(httpRequest.getHeader(HttpHeaders.AUTHORIZATION));
        DifyChatRequest request = DifyChatRequest.parse(DifyBodies.read(httpRequest, maxRequestBytes, json));
        String model = models.choose(grant, request.model());
        List<ChannelRoute> channels = governance.channelsServing(grant.workspaceId(), model);
        if (channels.isEmpty()) {
            throw DifyError.from(OpenAiError.modelNotFound(model));
        }
        long now = Instant.now().getEpochSecond();
        StoredConversation conversation = request.conversationId() == null
                ? new StoredConversation(DifyIds.next(), request.user(), firstWords(request.query()), now, now)
                : conversations.require(grant, request.conversationId(), request.user());
        List<PromptMessage> messages = new ArrayList<>();
        if (request.conversationId() != null) {
            messages.addAll(conversations.earlierTurns(grant, conversation.id(), HISTORY_TURNS));
        }
        messages.add(new PromptMessage("user", request.query()));
        var ids = new DifyTurnIds(DifyIds.next(), conversation.id(), DifyIds.next(), DifyIds.next(), now);
        var turn = new ChatTurn(
                "dify",
                conversation.id(),
                request.conversationId() == null,
                ids.messageId(),
                ids.workflowRunId(),
                grant,
                new UpstreamCaller.Prompt(model, List.copyOf(messages), null, null, null, List.of()),
                request.query(),
                request.user(),
                channels,
                CacheHeader.of(cacheHeader).bypasses() ? null : CanonicalRequest.of(canonicalBody(model, messages)),
                CacheHeader.of(cacheHeader).allowsSemantic() || grant.semanticCache(),
                receivedAt,
                null);
        var events = new DifyEvents(json, ids, usage, model);
        if (request.streaming()) {
            stream(turn, conversation, request, events, ids, httpResponse);
        } else {
            block(turn, conversation, events, httpResponse);
        }
    }

    private void stream(
            ChatTurn turn,
            StoredConversation conversation,
            DifyChatRequest request,
            DifyEvents events,
            DifyTurnIds ids,
            HttpServletResponse httpResponse) {
        var writer = new DifyStreamWriter(httpResponse, json, ids, events);
        writer.workflowStarted(request.inputs());
        pinger.watch(writer);
        try {
            WorkflowResult result = workflow.run(turn, writer, writer);
            remember(turn, conversation, result);
            writer.complete(result, seconds(turn));
            if (result.failure() != null) {
                writer.error(
                        result.failure() instanceof OpenAiError openAi
                                ? DifyError.from(openAi)
                                : new DifyError(500, "internal_server_error", "The answer could not be completed."));
            }
        } finally {
            pinger.forget(writer);
        }
    }

    private void block(
            ChatTurn turn, StoredConversation conversation, DifyEvents events, HttpServletResponse httpResponse)
            throws IOException {
        var answer = new DifyBlockingAnswer();
        WorkflowResult result = workflow.run(turn, answer, WorkflowListener.NONE);
        if (result.failure() != null) {
            throw result.failure();
        }
        if (answer.failure() != null) {
            throw DifyError.from(answer.failure());
        }
        remember(turn, conversation, result);
        ObjectNode body = events.blockingAnswer(result, seconds(turn));
        httpResponse.setStatus(200);
        httpResponse.setContentType("application/json");
        json.writeValue(httpResponse.getOutputStream(), body);
    }

    private void remember(ChatTurn turn, StoredConversation conversation, WorkflowResult result) {
        if (result.outcome() == null) {
            return;
        }
        long now = Instant.now().getEpochSecond();
        recent.served(
                turn.grant().keyId(),
                new StoredConversation(
                        conversation.id(),
                        conversation.endUserId(),
                        conversation.name(),
                        conversation.createdAt(),
                        now),
                new StoredMessage(
                        turn.turnId(),
                        conversation.id(),
                        turn.question(),
                        result.outcome().answer(),
                        null,
                        now));
    }

    private ObjectNode canonicalBody(String model, List<PromptMessage> messages) {
        ObjectNode body = json.createObjectNode().put("model", model);
        ArrayNode array = body.putArray("messages");
        messages.forEach(
                message -> array.addObject().put("role", message.role()).put("content", message.text()));
        return body;
    }

    private static double seconds(ChatTurn turn) {
        return (System.nanoTime() - turn.receivedAtNanos()) / 1e9;
    }

    static String firstWords(String query) {
        String flat = query.strip().replaceAll("\\s+", " ");
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "...";
    }
}

package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.workflow.NodeRun;
import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.workflow.NodeStep;
import io.lyss.orchestrator.workflow.WorkflowListener;
import io.lyss.orchestrator.workflow.WorkflowResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Streams one Dify answer as server-sent events: {@code workflow_started}, a {@code node_started} /
 * {@code node_finished} pair per node that runs, {@code message} chunks as tokens arrive, then
 * {@code workflow_finished} and {@code message_end} (usage and price), or an {@code error} event. Every chunk
 * carries the task, conversation and message ids. Writes are serialised: the pinger writes from its own thread.
 */
final class DifyStreamWriter implements AnswerSink, WorkflowListener {

    private static final byte[] PING = "event: ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final DifyTurnIds ids;
    private final DifyEvents events;
    private OutputStream out;
    private boolean clientGone;
    private boolean answerStarted;
    private boolean failed;

    DifyStreamWriter(HttpServletResponse response, ObjectMapper json, DifyTurnIds ids, DifyEvents events) {
        this.response = response;
        this.json = json;
        this.ids = ids;
        this.events = events;
    }

    synchronized void workflowStarted(ObjectNode inputs) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            out = response.getOutputStream();
        } catch (IOException e) {
            clientGone = true;
            out = OutputStream.nullOutputStream();
        }
        send(events.workflowStarted(inputs));
    }

    @Override
    public synchronized void nodeStarted(NodeStep step) {
        send(events.nodeStarted(step));
    }

    @Override
    public synchronized void nodeFinished(NodeStep step, NodeRun run, Map<String, Object> outputs) {
        send(events.nodeFinished(step, run, outputs));
    }

    @Override
    public synchronized boolean token(String text) {
        answerStarted = true;
        send(events.message(text));
        return !clientGone;
    }

    @Override
    public synchronized boolean started() {
        return answerStarted;
    }

    @Override
    public void finish(String text, String finishReason, TokenCounts usage) {
        // message_end follows workflow_finished, once the run is complete: see complete()
    }

    @Override
    public synchronized void fail(OpenAiError error) {
        error(DifyError.from(error));
    }

    synchronized void error(DifyError error) {
        failed = true;
        send(events.error(error));
    }

    /** Ends the stream: {@code workflow_finished}, then {@code message_end} when an answer was given. */
    synchronized void complete(WorkflowResult result, double latencySeconds) {
        send(events.workflowFinished(result));
        if (!failed && result.outcome() != null) {
            send(events.messageEnd(result, latencySeconds));
        }
    }

    synchronized void ping() {
        write(PING);
    }

    private void send(ObjectNode event) {
        try {
            write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            clientGone = true;
        }
    }

    private void write(byte[] bytes) {
        if (clientGone || out == null) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            clientGone = true;
        }
    }
}

package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.routing.ChannelRouter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls the model through the routed channels, streaming to the client as tokens arrive. Skipped when the cache
 * already answered. No channel able to answer fails the run.
 */
final class LlmNode implements WorkflowNode {

    private final ChannelRouter router;
    private final UpstreamCaller upstream;
    private final PriceTable prices;

    LlmNode(ChannelRouter router, UpstreamCaller upstream, PriceTable prices) {
        this.router = router;
        this.upstream = upstream;
        this.prices = prices;
    }

    @Override
    public String type() {
        return "llm";
    }

    @Override
    public String title() {
        return "LLM";
    }

    @Override
    public boolean appliesTo(RunState run) {
        return run.outcome() == null;
    }

    @Override
    public Map<String, Object> inputs(RunState run) {
        return Map.of(
                "model",
                run.prompt().model(),
                "messages",
                run.prompt().messages().size());
    }

    @Override
    public NodeResult run(RunState run) {
        UpstreamOutcome outcome = upstream.call(router.order(run.turn().channels()), run.prompt(), run.sink());
        run.answered(outcome);
        long cost = prices.costMicros(run.prompt().model(), outcome.usage());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("text", outcome.answer());
        outputs.put("finish_reason", outcome.finishReason());
        Map<String, String> detail = Map.of(
                "channelId", outcome.channelId(),
                "finishReason", outcome.finishReason(),
                "usageEstimated", Boolean.toString(outcome.usage().estimated()));
        String status =
                switch (outcome.finishReason()) {
                    case "error" -> "failed";
                    case "aborted" -> "stopped";
                    default -> "succeeded";
                };
        String error =
                "failed".equals(status) ? "The provider failed while answering; the answer is incomplete." : null;
        return new NodeResult(status, error, outputs, detail, outcome.usage().total(), cost);
    }

    @Override
    public boolean essential() {
        return true;
    }
}

package io.lyss.orchestrator.quota;

import io.lyss.events.governance.BudgetSet;
import io.lyss.events.governance.RateLimitSet;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.pricing.PriceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Admits a chat request against every budget and rate limit that applies to its key, before any provider is
 * called, at the request's worst case (prompt tokens plus the completion tokens it may produce, priced). Refuses
 * with OpenAI's 429 {@code rate_limit_exceeded} or {@code insufficient_quota}.
 */
public class QuotaAdmission {

    private final QuotaView view;
    private final BooleanSupplier caughtUp;
    private final QuotaAccounts accounts;
    private final PromptBound promptBound;
    private final PriceTable prices;
    private final int defaultMaxTokens;

    public QuotaAdmission(
            QuotaView view,
            BooleanSupplier caughtUp,
            QuotaAccounts accounts,
            TokenEstimator estimator,
            PriceTable prices,
            int defaultMaxTokens) {
        this.view = view;
        this.caughtUp = caughtUp;
        this.accounts = accounts;
        this.promptBound = new PromptBound(estimator);
        this.prices = prices;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /**
     * Admits a chat request against its key's and workspace's budgets and rate limits.
     *
     * @param promptParts what the provider reads as prompt; asked for only when a budget or rate limit applies
     */
    public Admission admit(
            String workspaceId,
            String keyId,
            String model,
            Supplier<List<PromptMessage>> promptParts,
            Integer maxTokens) {
        return admit(workspaceId, keyId, model, promptParts, maxTokens, 0);
    }

    /**
     * Admits a request whose prompt is {@code messages} plus {@code exactPromptTokens} already counted (e.g. the
     * token ids of a pre-tokenized embeddings input); an embeddings request passes {@code maxTokens} 0.
     */
    public Admission admit(
            String workspaceId,
            String keyId,
            String model,
            Supplier<List<PromptMessage>> promptParts,
            Integer maxTokens,
            long exactPromptTokens) {
        if (!caughtUp.getAsBoolean()) {
            throw OpenAiError.quotaUnavailable();
        }
        List<BudgetSet> budgets = view.budgetsFor(workspaceId, keyId);
        List<RateLimitSet> limits = view.rateLimitsFor(workspaceId, keyId);
        if (budgets.isEmpty() && limits.isEmpty()) {
            return Admission.UNLIMITED;
        }
        int completionCap = maxTokens != null ? maxTokens : defaultMaxTokens;
        long promptTokens = promptBound.tokens(promptParts.get()) + exactPromptTokens;
        long worstTokens = promptTokens + completionCap;
        long worstCost = prices.costMicros(model, new TokenCounts(promptTokens, completionCap, 0, true));
        List<Admission.RateHold> rates = new ArrayList<>(limits.size());
        List<Admission.BudgetHold> holds = new ArrayList<>(budgets.size());
        var admission = new Admission(completionCap, holds, rates, spent -> prices.costMicros(model, spent));
        try {
            for (RateLimitSet limit : limits) {
                RateAccount account = accounts.rateAccount(limit);
                long tokens = limit.tokensPerMinute() == null ? 0 : worstTokens;
                long retryAfter = account.admit(limit.requestsPerMinute() == null ? 0 : 1, tokens);
                if (retryAfter > 0) {
                    throw OpenAiError.rateLimitExceeded(retryAfter);
                }
                rates.add(new Admission.RateHold(account, tokens));
            }
            for (BudgetSet budget : budgets) {
                long tokens = budget.tokenLimit() == null ? 0 : worstTokens;
                long cost = budget.costLimitMicros() == null ? 0 : worstCost;
                BudgetAccount account = accounts.budgetAccount(budget);
                BudgetAccount.HeldLease lease = account.reserve(tokens, cost);
                if (lease == null) {
                    throw OpenAiError.insufficientQuota();
                }
                holds.add(new Admission.BudgetHold(account, lease, tokens, cost));
            }
        } catch (QuotaClient.QuotaUnavailableException e) {
            admission.close();
            throw OpenAiError.quotaUnavailable();
        } catch (RuntimeException e) {
            admission.close();
            throw e;
        }
        return admission;
    }
}

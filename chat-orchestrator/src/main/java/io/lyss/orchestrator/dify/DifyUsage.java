package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.pricing.PriceTable;
import java.math.BigDecimal;

/**
 * Dify's {@code usage} object: tokens, prices as decimal strings in the billing currency, and latency in seconds.
 * An answer from the cache cost nothing, so its prices are zero.
 */
final class DifyUsage {

    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final PriceTable prices;
    private final String currency;

    DifyUsage(PriceTable prices, String currency) {
        this.prices = prices;
        this.currency = currency;
    }

    String currency() {
        return currency;
    }

    void write(ObjectNode usage, String model, TokenCounts tokens, boolean fromCache, double latencySeconds) {
        long promptMicros = fromCache ? 0 : prices.costMicros(model, new TokenCounts(tokens.prompt(), 0, 0, false));
        long completionMicros =
                fromCache ? 0 : prices.costMicros(model, new TokenCounts(0, tokens.completion(), 0, false));
        usage.put("prompt_tokens", tokens.prompt())
                .put("prompt_price", price(promptMicros))
                .put("completion_tokens", tokens.completion())
                .put("completion_price", price(completionMicros))
                .put("total_tokens", tokens.total())
                .put("total_price", price(promptMicros + completionMicros))
                .put("currency", currency)
                .put("latency", latencySeconds);
    }

    /** A cost in micro-units as a decimal amount of the currency, e.g. {@code "0.0000123"}. */
    static String price(long micros) {
        return BigDecimal.valueOf(micros).divide(MICROS).setScale(7).toPlainString();
    }
}

package io.lyss.orchestrator.pricing;

import io.lyss.orchestrator.chat.TokenCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Costs in micro-units of the currency. A price per million tokens is, conveniently, the cost of one token in
 * micro-units: cost = tokens x price.
 */
public final class PriceTable {

    private final String version;
    private final Map<String, PricingProperties.ModelPrice> prices;

    public PriceTable(PricingProperties properties) {
        this.version = properties.version();
        this.prices = properties.models() == null ? Map.of() : Map.copyOf(properties.models());
    }

    public String version() {
        return version;
    }

    public long costMicros(String model, TokenCounts tokens) {
        PricingProperties.ModelPrice price = prices.get(model);
        if (price == null) {
            return 0;
        }
        BigDecimal cost = price.input()
                .multiply(BigDecimal.valueOf(tokens.prompt()))
                .add(price.output().multiply(BigDecimal.valueOf(tokens.completion())));
        return cost.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}

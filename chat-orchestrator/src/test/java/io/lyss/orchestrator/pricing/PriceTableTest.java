package io.lyss.orchestrator.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.orchestrator.chat.TokenCounts;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable prices = new PriceTable(new PricingProperties(
            "2026-11-01",
            "USD",
            Map.of("gpt-4o-mini", new PricingProperties.ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60")))));

    @Test
    void costInMicroUnitsIsTokensTimesThePricePerMillion() {
        // 1,000 prompt tokens at $0.15/M = $0.00015 = 150 micro-dollars; 500 completion at $0.60/M = 300.
        assertThat(prices.costMicros("gpt-4o-mini", new TokenCounts(1_000, 500, 0, false)))
                .isEqualTo(450);
        assertThat(prices.costMicros("gpt-4o-mini", new TokenCounts(3, 1, 0, false)))
                .isEqualTo(1);
        assertThat(prices.version()).isEqualTo("2026-11-01");
    }

    @Test
    void unpricedModelsCostNothing() {
        assertThat(prices.costMicros("lyss-demo", new TokenCounts(1_000, 1_000, 0, false)))
                .isZero();
    }
}

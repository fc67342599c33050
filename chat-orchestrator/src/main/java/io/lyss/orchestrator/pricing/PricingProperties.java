package io.lyss.orchestrator.pricing;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The price table in force: a version name and, per public model, the price of one million tokens in the
 * billing currency. Models absent from the table cost nothing (the demo provider, self-hosted models).
 */
@ConfigurationProperties("lyss.pricing")
public record PricingProperties(
        @DefaultValue("unpriced") String version,
        @DefaultValue("USD") String currency,
        Map<String, ModelPrice> models) {

    /** Prices per million tokens. */
    public record ModelPrice(BigDecimal input, BigDecimal output) {}
}

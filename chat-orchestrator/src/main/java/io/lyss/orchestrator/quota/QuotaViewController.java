package io.lyss.orchestrator.quota;

import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/v1/quota-view/{scopeId}}: the budget and rate limit this instance currently applies to a
 * workspace, user or key (internal bearer token). Shows operators, and tests, when a change has reached an instance.
 */
@RestController
class QuotaViewController {

    private final QuotaView view;
    private final QuotaProperties properties;

    QuotaViewController(QuotaView view, QuotaProperties properties) {
        this.view = view;
        this.properties = properties;
    }

    @GetMapping("/internal/v1/quota-view/{scopeId}")
    Map<String, Object> quotaOf(@PathVariable String scopeId) {
        Map<String, Object> known = new HashMap<>();
        known.put("instanceId", properties.instanceId());
        known.put("budget", view.budgetOf(scopeId));
        known.put("rateLimit", view.rateLimitOf(scopeId));
        return known;
    }
}

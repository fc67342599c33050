package io.lyss.orchestrator.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.commandside.CommandSideApi;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes and returns budget leases and rate-limit allowances at the command side's internal API. Only called when
 * a local lease or allowance runs out, never once per request in the common case.
 */
public class QuotaClient {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaClient.class);
    private static final int SETTLE_ATTEMPTS = 8;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** A granted lease; {@code expiresInMillis} is measured from when the answer arrived. */
    public record Lease(String leaseId, long tokens, long costMicros, long expiresInMillis) {}

    /** A granted allowance, valid for {@code validForMillis} (until the minute ends). */
    public record Allowance(long requests, long tokens, long validForMillis) {}

    /** The command side could not be asked (down, slow or failing): quotas fail closed. */
    public static class QuotaUnavailableException extends RuntimeException {
        QuotaUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /** The command side refused; {@code retryAfterSeconds} from its Retry-After header, or 0. */
    public static class RefusedException extends RuntimeException {
        private final long retryAfterSeconds;

        RefusedException(String reason, long retryAfterSeconds) {
            super(reason, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final CommandSideApi commandSide;
    private final ObjectMapper json;

    public QuotaClient(CommandSideApi commandSide, ObjectMapper json) {
        this.commandSide = commandSide;
        this.json = json;
    }

    public Lease takeLease(String budgetId, Map<String, Object> request) {
        JsonNode granted = post("/internal/v1/budgets/" + budgetId + "/leases", request);
        return new Lease(
                granted.path("leaseId").asText(),
                granted.path("tokens").asLong(),
                granted.path("costMicros").asLong(),
                granted.path("expiresInMillis").asLong());
    }

    public Allowance takeAllowance(String rateLimitId, Map<String, Object> request) {
        JsonNode granted = post("/internal/v1/rate-limits/" + rateLimitId + "/allowances", request);
        return new Allowance(
                granted.path("requests").asLong(),
                granted.path("tokens").asLong(),
                granted.path("validForMillis").asLong());
    }

    /** Returns a lease with its real spend, off the request path, retrying; a lost settlement expires as spent. */
    public void settleLease(String budgetId, String leaseId, String workspaceId, long tokens, long costMicros) {
        Map<String, Object> body =
                Map.of("workspaceId", workspaceId, "spentTokens", tokens, "spentCostMicros", costMicros);
        String path = "/internal/v1/budgets/" + budgetId + "/leases/" + leaseId + "/settlement";
        Thread.ofVirtual().name("lyss-settle-" + leaseId).start(() -> {
            Duration backoff = Duration.ofMillis(200);
            for (int attempt = 1; attempt <= SETTLE_ATTEMPTS; attempt++) {
                try {
                    post(path, body);
                    return;
                } catch (RefusedException e) {
                    LOG.error("The command side refused to settle lease {}: {}", leaseId, e.getMessage());
                    return;
                } catch (QuotaUnavailableException e) {
                    LOG.warn("Settling lease {} failed (attempt {}): {}", leaseId, attempt, e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2);
            }
            LOG.error("Lease {} of budget {} could not be settled; it will expire counted as spent", leaseId, budgetId);
        });
    }

    private JsonNode post(String path, Map<String, Object> body) {
        try {
            HttpResponse<byte[]> response =
                    commandSide.post(path, commandSide.body(body, "a quota request"), ANSWER_TIMEOUT);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
            }
            String detail = response.body().length == 0
                    ? ""
                    : json.readTree(response.body()).path("detail").asText("");
            if (status == 429 || status == 404) {
                long retryAfter = response.headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElse(0L);
                throw new RefusedException(detail, retryAfter);
            }
            throw new QuotaUnavailableException("HTTP " + status + " from the command side");
        } catch (IOException e) {
            throw new QuotaUnavailableException(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuotaUnavailableException("interrupted");
        }
    }
}

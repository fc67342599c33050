package io.lyss.orchestrator.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves the gateway's own APIs ({@code /v1/...}, OpenAI's and Dify's) out of Spring's {@code http.server.requests}
 * timers. Every request there is recorded as events already (its latency, first-token time, outcome, tokens and
 * cost, per key and model: the usage and workflow read models), and the timer cost about a tenth of the serving
 * path's CPU (docs/benchmarks.md, stop 19). The admin, internal and actuator requests keep their timers.
 */
public final class GatewayRequestObservations implements ObservationPredicate {

    static final String SERVER_REQUESTS = "http.server.requests";
    private static final String GATEWAY_PATHS = "/v1/";

    @Override
    public boolean test(String name, Observation.Context context) {
        if (!SERVER_REQUESTS.equals(name) || !(context instanceof ServerRequestObservationContext request)) {
            return true;
        }
        return !request.getCarrier().getRequestURI().startsWith(GATEWAY_PATHS);
    }
}

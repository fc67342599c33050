package io.lyss.command.ratelimit;

import io.lyss.command.ratelimit.api.GrantRateLimitAllowance;
import io.lyss.command.ratelimit.api.GrantedAllowance;
import io.lyss.command.ratelimit.api.RateLimitIds;
import io.lyss.command.ratelimit.api.SetRateLimit;
import io.lyss.command.scope.CallProvenance;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.command.scope.ScopeChecks;
import io.lyss.events.Actor;
import io.lyss.events.governance.RateLimitScope;
import io.lyss.security.access.AdminPrincipal;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rate limits: set by administrators ({@code /admin/v1/workspaces/{id}/rate-limits}), handed out per minute to
 * orchestrator instances ({@code /internal/v1/rate-limits/{id}/allowances}).
 */
@RestController
class RateLimitController {

    private static final long MINUTE_MILLIS = 60_000;

    private final CommandGateway commands;
    private final ScopeChecks scopes;
    private final Clock clock = Clock.systemUTC();

    RateLimitController(CommandGateway commands, ScopeChecks scopes) {
        this.commands = commands;
        this.scopes = scopes;
    }

    @PostMapping("/admin/v1/workspaces/{workspaceId}/rate-limits")
    ResponseEntity<RateLimitRequests.RateLimitView> setRateLimit(
            @PathVariable String workspaceId,
            @Valid @RequestBody RateLimitRequests.SetRateLimitRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        scopes.requireWorkspace(workspaceId);
        RateLimitScope scope = parseScope(request.scope());
        if (request.requestsPerMinute() == null && request.tokensPerMinute() == null) {
            throw new IllegalArgumentException("requestsPerMinute or tokensPerMinute is required");
        }
        String scopeId = scope == RateLimitScope.WORKSPACE ? workspaceId : request.scopeId();
        if (scope == RateLimitScope.KEY && !scopes.exists(scopeId)) {
            throw new NotFoundInWorkspaceException("key", String.valueOf(scopeId));
        }
        String rateLimitId = RateLimitIds.forScope(scopeId);
        var command = new SetRateLimit(
                rateLimitId, workspaceId, scope, scopeId, request.requestsPerMinute(), request.tokensPerMinute());
        send(command, CallProvenance.of(caller, requestId));
        var view = new RateLimitRequests.RateLimitView(
                rateLimitId,
                workspaceId,
                scope.name().toLowerCase(Locale.ROOT),
                scopeId,
                request.requestsPerMinute(),
                request.tokensPerMinute());
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/rate-limits/" + rateLimitId))
                .body(view);
    }

    @PostMapping("/internal/v1/rate-limits/{rateLimitId}/allowances")
    RateLimitRequests.Allowance grant(
            @PathVariable String rateLimitId, @Valid @RequestBody RateLimitRequests.AllowanceRequest request) {
        if (!RateLimitIds.isRateLimitId(rateLimitId) || !scopes.exists(rateLimitId)) {
            throw new NotFoundInWorkspaceException("rate limit", rateLimitId);
        }
        long nowMillis = clock.millis();
        long minute = nowMillis / MINUTE_MILLIS;
        var command = new GrantRateLimitAllowance(
                rateLimitId,
                request.workspaceId(),
                request.instanceId(),
                minute,
                request.minRequests(),
                request.desiredRequests(),
                request.minTokens(),
                request.desiredTokens());
        GrantedAllowance granted =
                send(command, new Provenance(Actor.system("orchestrator:" + request.instanceId()), rateLimitId));
        return new RateLimitRequests.Allowance(
                granted.requests(), granted.tokens(), (minute + 1) * MINUTE_MILLIS - nowMillis);
    }

    private <R> R send(Object command, Provenance provenance) {
        return commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }

    private static RateLimitScope parseScope(String scope) {
        try {
            return RateLimitScope.valueOf(scope.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scope must be one of [workspace, key]");
        }
    }
}

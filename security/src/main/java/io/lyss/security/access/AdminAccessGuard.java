package io.lyss.security.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.governance.WorkspaceRole;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the admin API. A caller is the bootstrap administrator (the admin token) or whatever an
 * {@link AdminPrincipalResolver} recognises (a logged-in user, an admin API key). Any call addressed to a
 * workspace ({@code /admin/v1/workspaces/{id}/...}) also needs a role there, and a change to its budgets, rate
 * limits, memory model or end users needs the admin role; finer checks are the handlers'. Calls outside any
 * workspace (projections, audit verification, master-key rotation...) are the platform administrator's, but for
 * listing and creating workspaces. Refusals are problem+json and never echo what was presented.
 */
public final class AdminAccessGuard extends OncePerRequestFilter {

    private static final Pattern WORKSPACE_PATH = Pattern.compile("^/admin/v1/workspaces/([^/]+)(/.*)?$");
    private static final Set<String> PUBLIC_PATHS = Set.of("/admin/v1/login", "/admin/v1/openapi.json");
    private static final String WORKSPACES = "/admin/v1/workspaces";
    private static final Pattern ADMIN_ONLY_CHANGES =
            Pattern.compile("^/(budgets|rate-limits|memory-model|end-users)(/.*)?$");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final byte[] bootstrapToken;
    private final Supplier<List<AdminPrincipalResolver>> resolvers;
    private final ObjectMapper json = new ObjectMapper();

    public AdminAccessGuard(String bootstrapToken, Supplier<List<AdminPrincipalResolver>> resolvers) {
        boolean configured = bootstrapToken != null && !bootstrapToken.isBlank();
        this.bootstrapToken = configured ? bootstrapToken.getBytes(StandardCharsets.UTF_8) : null;
        this.resolvers = resolvers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (PUBLIC_PATHS.contains(path) || isCorsPreflight(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AdminPrincipal> principal = presentedToken(request).flatMap(this::resolve);
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"admin\"");
            refuse(response, HttpStatus.UNAUTHORIZED, "A valid bearer token for the admin API is required.");
            return;
        }
        Optional<String> refusal = refusal(principal.get(), request.getMethod(), path);
        if (refusal.isPresent()) {
            refuse(response, HttpStatus.FORBIDDEN, refusal.get());
            return;
        }
        request.setAttribute(AdminPrincipal.ATTRIBUTE, principal.get());
        chain.doFilter(request, response);
    }

    /** Why this principal may not make this call, if it may not. */
    private static Optional<String> refusal(AdminPrincipal principal, String method, String path) {
        if (principal.isPlatformAdmin()) {
            return Optional.empty();
        }
        Matcher workspace = WORKSPACE_PATH.matcher(path);
        if (!workspace.matches()) {
            return path.equals(WORKSPACES)
                    ? Optional.empty()
                    : Optional.of("Only the platform administrator (the bootstrap admin token) may do this.");
        }
        String workspaceId = workspace.group(1);
        Optional<WorkspaceRole> role = principal.roleIn(workspaceId);
        if (role.isEmpty()) {
            return Optional.of("You have no role in workspace '" + workspaceId + "'.");
        }
        String resource = workspace.group(2) == null ? "" : workspace.group(2);
        if (!READS.contains(method)
                && ADMIN_ONLY_CHANGES.matcher(resource).matches()
                && !role.get().includes(WorkspaceRole.ADMIN)) {
            return Optional.of("This needs the admin role in workspace '" + workspaceId + "'.");
        }
        return Optional.empty();
    }

    private Optional<AdminPrincipal> resolve(String token) {
        if (bootstrapToken != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), bootstrapToken)) {
            return Optional.of(AdminPrincipal.platformAdmin());
        }
        for (AdminPrincipalResolver resolver : resolvers.get()) {
            Optional<AdminPrincipal> principal = resolver.resolve(token);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> presentedToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    }
}

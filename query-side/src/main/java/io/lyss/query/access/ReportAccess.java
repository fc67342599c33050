package io.lyss.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces {@link ReportRoles} on the report endpoints, with the principal the admin guard resolved. A caller whose
 * role is too low gets a 403 problem; a request that reached a report without a principal is refused as well (fails
 * closed).
 */
@Configuration(proxyBeanMethods = false)
class ReportAccess implements WebMvcConfigurer, HandlerInterceptor {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/v1/workspaces/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<ReportRoles.Required> required = ReportRoles.required(path);
        if (required.isEmpty()) {
            return true;
        }
        Optional<String> refusal = refusal(request.getAttribute(AdminPrincipal.ATTRIBUTE), required.get());
        if (refusal.isEmpty()) {
            return true;
        }
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.FORBIDDEN.getReasonPhrase());
        problem.put("status", HttpStatus.FORBIDDEN.value());
        problem.put("detail", refusal.get());
        json.writeValue(response.getOutputStream(), problem);
        return false;
    }

    private static Optional<String> refusal(Object caller, ReportRoles.Required required) {
        if (!(caller instanceof AdminPrincipal principal)) {
            return Optional.of("No authenticated caller for this report.");
        }
        if (principal.isPlatformAdmin()) {
            return Optional.empty();
        }
        Optional<WorkspaceRole> role = principal.roleIn(required.workspaceId());
        if (role.isPresent() && role.get().includes(required.role())) {
            return Optional.empty();
        }
        return Optional.of("The " + required.report() + " report needs the "
                + required.role().name().toLowerCase(Locale.ROOT) + " role in workspace '" + required.workspaceId()
                + "'.");
    }
}

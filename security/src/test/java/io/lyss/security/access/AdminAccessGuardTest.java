package io.lyss.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.Actor;
import io.lyss.events.governance.WorkspaceRole;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminAccessGuardTest {

    private final AdminPrincipal viewerOfWs1 = new AdminPrincipal() {
        @Override
        public Actor actor() {
            return Actor.user("usr_1");
        }

        @Override
        public Optional<WorkspaceRole> roleIn(String workspaceId) {
            return "ws_1".equals(workspaceId) ? Optional.of(WorkspaceRole.VIEWER) : Optional.empty();
        }
    };
    private final AdminAccessGuard guard = new AdminAccessGuard(
            "t0ken", () -> List.of(token -> "user-token".equals(token) ? Optional.of(viewerOfWs1) : Optional.empty()));

    @Test
    void theBootstrapTokenIsThePlatformAdministrator() throws Exception {
        var request = request("/admin/v1/workspaces/ws_9/keys", "Bearer t0ken");
        assertThat(call(request).getStatus()).isEqualTo(200);
        assertThat(((AdminPrincipal) request.getAttribute(AdminPrincipal.ATTRIBUTE)).isPlatformAdmin())
                .isTrue();
    }

    @Test
    void aResolvedUserReachesOnlyWorkspacesWhereTheyHaveARole() throws Exception {
        assertThat(call(request("/admin/v1/workspaces/ws_1/keys", "Bearer user-token"))
                        .getStatus())
                .isEqualTo(200);
        MockHttpServletResponse elsewhere = call(request("/admin/v1/workspaces/ws_2/keys", "Bearer user-token"));
        assertThat(elsewhere.getStatus()).isEqualTo(403);
        assertThat(elsewhere.getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void unknownTokensAreUnauthorizedButLoginIsOpen() throws Exception {
        MockHttpServletResponse refused = call(request("/admin/v1/workspaces", "Bearer wrong"));
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getContentAsString()).doesNotContain("wrong");
        assertThat(call(request("/admin/v1/workspaces", null)).getStatus()).isEqualTo(401);
        assertThat(call(request("/admin/v1/login", null)).getStatus()).isEqualTo(200);
    }

    @Test
    void budgetsRateLimitsMemoryModelAndErasureChangeOnlyWithTheAdminRole() throws Exception {
        for (String resource : List.of("budgets", "rate-limits", "memory-model", "end-users/u1/forget")) {
            MockHttpServletResponse refused =
                    call(request("/admin/v1/workspaces/ws_1/" + resource, "Bearer user-token"));
            assertThat(refused.getStatus()).as(resource).isEqualTo(403);
            assertThat(refused.getContentAsString()).contains("admin role");
            assertThat(call(request("/admin/v1/workspaces/ws_1/" + resource, "Bearer t0ken"))
                            .getStatus())
                    .as(resource)
                    .isEqualTo(200);
        }
        var read = request("/admin/v1/workspaces/ws_1/budgets", "Bearer user-token");
        read.setMethod("GET");
        assertThat(call(read).getStatus()).isEqualTo(200);
    }

    @Test
    void callsOutsideAWorkspaceArePlatformOperationsButForWorkspacesThemselves() throws Exception {
        for (String path : List.of(
                "/admin/v1/projections/usage/rebuild", "/admin/v1/audit/verify", "/admin/v1/master-key/reseal")) {
            MockHttpServletResponse refused = call(request(path, "Bearer user-token"));
            assertThat(refused.getStatus()).as(path).isEqualTo(403);
            assertThat(call(request(path, "Bearer t0ken")).getStatus()).as(path).isEqualTo(200);
        }
        assertThat(call(request("/admin/v1/workspaces", "Bearer user-token")).getStatus())
                .isEqualTo(200);
    }

    private static MockHttpServletRequest request(String path, String authorization) {
        var request = new MockHttpServletRequest("POST", path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private MockHttpServletResponse call(MockHttpServletRequest request) throws Exception {
        var response = new MockHttpServletResponse();
        guard.doFilter(request, response, new MockFilterChain());
        return response;
    }
}

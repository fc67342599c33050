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

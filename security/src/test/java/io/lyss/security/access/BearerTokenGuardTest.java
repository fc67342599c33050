package io.lyss.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BearerTokenGuardTest {

    @Test
    void letsTheRightTokenThrough() throws Exception {
        assertThat(call(new BearerTokenGuard("admin", "t0ken"), "Bearer t0ken").getStatus())
                .isEqualTo(200);
    }

    @Test
    void refusesWrongOrMissingTokensWithProblemJson() throws Exception {
        var guard = new BearerTokenGuard("admin", "t0ken");
        for (String header : new String[] {"Bearer wrong", "t0ken", null}) {
            MockHttpServletResponse response = call(guard, header);
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getContentAsString()).contains("\"status\":401").doesNotContain("wrong");
        }
    }

    @Test
    void failsClosedWithoutAConfiguredToken() throws Exception {
        assertThat(call(new BearerTokenGuard("admin", null), "Bearer anything").getStatus())
                .isEqualTo(401);
        assertThat(call(new BearerTokenGuard("admin", " "), "Bearer  ").getStatus())
                .isEqualTo(401);
    }

    private static MockHttpServletResponse call(BearerTokenGuard guard, String authorization) throws Exception {
        var request = new MockHttpServletRequest("POST", "/admin/v1/workspaces");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        var response = new MockHttpServletResponse();
        guard.doFilter(request, response, new MockFilterChain());
        return response;
    }
}

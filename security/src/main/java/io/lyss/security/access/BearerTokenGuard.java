package io.lyss.security.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards a family of paths with one bearer token, compared in constant time. Without a configured token every
 * request is refused (fail closed). Refusals are problem+json and never echo what was presented.
 */
public final class BearerTokenGuard extends OncePerRequestFilter {

    private final String realm;
    private final byte[] expectedToken;
    private final ObjectMapper json = new ObjectMapper();

    public BearerTokenGuard(String realm, String expectedToken) {
        this.realm = realm;
        boolean configured = expectedToken != null && !expectedToken.isBlank();
        this.expectedToken = configured ? expectedToken.getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isCorsPreflight(request) || presentedTokenMatches(request)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "A valid bearer token for the " + realm + " API is required.");
        problem.setTitle("Unauthorized");
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(
                response.getOutputStream(),
                Map.of(
                        "type", problem.getType().toString(),
                        "title", problem.getTitle(),
                        "status", problem.getStatus(),
                        "detail", problem.getDetail()));
    }

    private boolean presentedTokenMatches(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (expectedToken == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expectedToken);
    }

    /** CORS preflight requests carry no credentials by design. */
    private static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    }
}

package io.lyss.command.admin;

import io.lyss.command.access.AccessView;
import io.lyss.security.access.SessionTokens;
import io.lyss.security.passwords.PasswordHasher;
import jakarta.validation.Valid;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/v1/login}: a username and password for a bearer token that expires. Unknown users cost the same
 * hash as known ones, and the refusal does not say which part was wrong.
 */
@RestController
class LoginController {

    private final AccessView access;
    private final PasswordHasher hasher;
    private final SessionTokens sessions;

    LoginController(AccessView access, PasswordHasher hasher, SessionTokens sessions) {
        this.access = access;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    /** A login token; send it as {@code Authorization: Bearer ...}. */
    record LoginResponse(String token, String tokenType, Instant expiresAt, String userId) {
        @Override
        public String toString() {
            return "LoginResponse[" + userId + ", expires " + expiresAt + "]";
        }
    }

    @PostMapping("/admin/v1/login")
    LoginResponse login(@Valid @RequestBody AdminRequests.LoginRequest request) {
        var user = access.userNamed(request.username());
        boolean matches = hasher.matches(
                request.password(), user.map(AccessView.UserEntry::passwordHash).orElse(null));
        if (user.isEmpty() || !matches) {
            throw new LoginFailedException();
        }
        SessionTokens.IssuedToken token = sessions.issue(user.get().userId());
        return new LoginResponse(
                token.token(), "Bearer", token.expiresAt(), user.get().userId());
    }
}

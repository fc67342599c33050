package io.lyss.security.access;

import java.util.Optional;

/**
 * Recognises admin bearer tokens other than the bootstrap token (session tokens, admin API keys). Provided by the
 * command side, which holds users and keys; without one only the bootstrap token is accepted.
 */
public interface AdminPrincipalResolver {

    Optional<AdminPrincipal> resolve(String bearerToken);
}

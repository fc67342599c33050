package io.lyss.command.scope;

import io.lyss.security.access.AdminPrincipal;
import java.util.UUID;

/** The provenance of an admin call: the caller as actor, the client's request id (or a fresh one) as correlation. */
public final class CallProvenance {

    private CallProvenance() {}

    public static Provenance of(AdminPrincipal caller, String requestId) {
        String correlationId = requestId == null || requestId.isBlank() || requestId.length() > 100
                ? UUID.randomUUID().toString()
                : requestId;
        return new Provenance(caller.actor(), correlationId);
    }
}

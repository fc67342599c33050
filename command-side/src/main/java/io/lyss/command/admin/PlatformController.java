package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.scope.CallProvenance;
import io.lyss.security.access.AdminPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the whole platform, for the bootstrap administrator only. */
@RestController
class PlatformController {

    private final ChannelAdmin channels;
    private final AccessPolicy policy;

    PlatformController(ChannelAdmin channels, AccessPolicy policy) {
        this.channels = channels;
        this.policy = policy;
    }

    /** Re-seals every channel secret under the current master key (after a master-key rotation). */
    @PostMapping("/admin/v1/master-key/reseal")
    ChannelAdmin.ResealReport reseal(
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requirePlatformAdmin(caller);
        return channels.resealAll(CallProvenance.of(caller, requestId));
    }
}

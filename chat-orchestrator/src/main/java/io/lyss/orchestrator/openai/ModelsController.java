package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: exactly the models this key may call, by the same rule that authorises calls. */
@RestController
class ModelsController {

    /** Fixed so that clients caching the list see stable entries. */
    private static final long CREATED = 1_767_225_600L;

    private final KeyAuthenticator authenticator;
    private final GovernanceView governance;
    private final ObjectMapper json;

    ModelsController(KeyAuthenticator authenticator, GovernanceView governance, ObjectMapper json) {
        this.authenticator = authenticator;
        this.governance = governance;
        this.json = json;
    }

    @GetMapping({"/v1/models", "/v1/models/"})
    ObjectNode models(@RequestHeader(value = "Authorization", required = false) String authorization) {
        KeyGrant grant = authenticator.authenticate(authorization);
        ObjectNode list = json.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        governance.modelsOf(grant.workspaceId()).forEach((model, provider) -> {
            if (grant.mayCall(model)) {
                data.addObject()
                        .put("id", model)
                        .put("object", "model")
                        .put("created", CREATED)
                        .put("owned_by", ownedBy(provider));
            }
        });
        return list;
    }

    private static String ownedBy(ProviderType provider) {
        return provider == ProviderType.DEMO
                ? "lyss-demo (local simulator, not a real model)"
                : provider.name().toLowerCase(Locale.ROOT);
    }
}

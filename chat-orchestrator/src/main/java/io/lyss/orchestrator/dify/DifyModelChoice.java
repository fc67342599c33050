package io.lyss.orchestrator.dify;

import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.openai.OpenAiError;
import org.springframework.stereotype.Component;

/**
 * Which model answers a Dify request: {@code inputs.model} when given and allowed, otherwise the first model, in
 * {@code /v1/models} order, that the key may call (a Dify app has one configured model; a Lyss key may have many).
 */
@Component
class DifyModelChoice {

    private final GovernanceView governance;

    DifyModelChoice(GovernanceView governance) {
        this.governance = governance;
    }

    String choose(KeyGrant grant, String requested) {
        if (requested != null) {
            if (!grant.mayCall(requested)) {
                throw DifyError.from(OpenAiError.modelNotAllowed(requested));
            }
            return requested;
        }
        return governance.modelsOf(grant.workspaceId()).keySet().stream()
                .filter(grant::mayCall)
                .findFirst()
                .orElseThrow(() -> new DifyError(
                        400, "provider_not_initialize", "No model is available to this key: add a channel first."));
    }
}

package io.lyss.command.admin;

import io.lyss.events.governance.ProviderType;
import java.util.List;

/** A validated description of a channel to add; {@code apiKey} is the plain provider secret, sealed on use. */
public record ChannelSpec(
        String name,
        ProviderType provider,
        String baseUrl,
        List<String> models,
        int priority,
        int weight,
        String apiKey) {

    @Override
    public String toString() {
        return "ChannelSpec[" + name + ", " + provider + ", " + baseUrl + ", secret redacted]";
    }
}

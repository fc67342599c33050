package io.lyss.events.governance;

import io.lyss.events.LyssEvent;
import java.util.List;

/**
 * A public model name was (re)defined as a set of channels and the upstream model each should be called with.
 *
 * @param alias the public model name clients use
 * @param targets where requests for the alias go; channels of the same workspace
 */
public record ModelAliasDefined(String aliasId, String workspaceId, String alias, List<Target> targets)
        implements LyssEvent {

    /** One channel serving the alias, and the model name sent to its upstream. */
    public record Target(String channelId, String upstreamModel) {}
}

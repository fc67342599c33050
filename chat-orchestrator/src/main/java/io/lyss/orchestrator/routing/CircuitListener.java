package io.lyss.orchestrator.routing;

import io.lyss.orchestrator.governance.ChannelRoute;

/** Told when a channel's circuit opens or closes in this instance. */
public interface CircuitListener {

    void opened(ChannelRoute channel, int consecutiveFailures, String lastFailure);

    void closed(ChannelRoute channel);

    CircuitListener NONE = new CircuitListener() {
        @Override
        public void opened(ChannelRoute channel, int consecutiveFailures, String lastFailure) {}

        @Override
        public void closed(ChannelRoute channel) {}
    };
}
